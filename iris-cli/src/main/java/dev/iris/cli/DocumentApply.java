package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code apply FILE [--dry-run] [--creator USER]} for a plan or a template: shows the diff against
 * the active version, then creates a new version (which becomes active). The API validates the
 * document; its refusal is shown as is. With {@code --json} the result is
 * {@code {name, changed, id}}.
 */
public final class DocumentApply
{
    private DocumentApply() {}

    /**
     * @param creator the new version's creator; null for the file's {@code creator}, else {@code --user}
     */
    public static int run(DocumentKind kind, ClientOptions options, Output output, Path file, boolean dryRun, String creator)
    {
        JsonNode source = Documents.readYaml(file);
        ObjectNode proposed = kind.canonical().of(source, file.toString());
        String name = proposed.get("name").asText();
        ApiClient client = options.client();

        Optional<JsonNode> active = activeVersion(client, kind, name);
        String activeYaml = active.map(document -> kind.yaml(kind.canonical().of(document, "active " + kind.noun() + " " + name))).orElse("");
        List<String> diff = Documents.diff(name, activeYaml, kind.yaml(proposed));
        if (active.isPresent() && diff.isEmpty()) {
            long id = active.get().path("id").asLong();
            output.note(kind.capitalizedNoun() + " " + name + " is unchanged (active version " + id + "); nothing to apply.");
            if (options.json()) {
                output.json(result(name, false, id));
            }
            return ExitCodes.OK;
        }
        if (!options.json()) {
            output.line(active.isPresent() ? "Changes to " + kind.noun() + " " + name + ":" : "New " + kind.noun() + " " + name + ":");
            diff.forEach(output::line);
        }
        ObjectNode body = proposed.deepCopy();
        body.put("creator", creator != null ? creator
                : source.hasNonNull("creator") ? source.get("creator").asText()
                : options.requireUser("the " + kind.noun() + "'s creator"));
        if (dryRun) {
            if (kind.validatePath() != null) {
                // The server runs every check it would run on apply (teams, templates, ...); a refusal exits 1.
                client.post(kind.validatePath(), body);
                output.note("Dry run: the server accepts this " + kind.noun() + "; nothing applied.");
            }
            else {
                output.note("Dry run: nothing applied.");
            }
            return ExitCodes.OK;
        }
        long id = client.post(kind.collection(), body).asLong();
        if (options.json()) {
            output.json(result(name, true, id));
        }
        else {
            output.line("Created " + kind.noun() + " " + name + " version " + id + " (now active)");
        }
        return ExitCodes.OK;
    }

    private static Optional<JsonNode> activeVersion(ApiClient client, DocumentKind kind, String name)
    {
        try {
            return Optional.of(client.get(kind.path(name)));
        }
        catch (ApiRefusedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ObjectNode result(String name, boolean changed, long id)
    {
        return Documents.json().createObjectNode().put("name", name).put("changed", changed).put("id", id);
    }
}
