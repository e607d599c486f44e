package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * A kind of versioned document that {@code export} writes as YAML and {@code apply} turns into a
 * new active version: plans and templates.
 *
 * @param noun {@code plan} or {@code template}, as the messages name it
 * @param collection the API path the versions are created at and read below ({@code /v0/plans})
 * @param canonical the document's canonical form, from the API's JSON or a YAML file; the second
 *        argument names the source in errors
 * @param validatePath where the API checks a document without storing it, or null when it cannot
 * @param readable the canonical document as people write it, for exports and diffs (plans: {@code
 *        wait: 5m}); what is sent to the API stays canonical
 */
public record DocumentKind(String noun, String collection, Canonical canonical, String validatePath, UnaryOperator<ObjectNode> readable)
{
    public DocumentKind(String noun, String collection, Canonical canonical)
    {
        this(noun, collection, canonical, null, UnaryOperator.identity());
    }

    /**
     * Builds a kind's canonical document, so the active version and a file compare line by line.
     */
    @FunctionalInterface
    public interface Canonical
    {
        ObjectNode of(JsonNode document, String source);
    }

    public DocumentKind
    {
        requireNonNull(noun, "noun is null");
        requireNonNull(collection, "collection is null");
        requireNonNull(canonical, "canonical is null");
        requireNonNull(readable, "readable is null");
    }

    /**
     * The YAML people read: the canonical document in its readable form.
     */
    String yaml(ObjectNode canonicalDocument)
    {
        return Documents.toYaml(readable.apply(canonicalDocument.deepCopy()));
    }

    String path(String name)
    {
        return collection + "/" + ApiClient.segment(name);
    }

    String capitalizedNoun()
    {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
