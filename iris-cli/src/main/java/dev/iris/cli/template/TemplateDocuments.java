package dev.iris.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.DocumentKind;
import dev.iris.cli.Documents;
import dev.iris.cli.UsageException;

import java.util.Iterator;
import java.util.Map;

/**
 * The YAML form of a template: {@code name} and {@code content: {app: {mode: {subject, body}}}}.
 */
final class TemplateDocuments
{
    static final DocumentKind KIND = new DocumentKind("template", "/v0/templates", TemplateDocuments::canonical);

    private TemplateDocuments() {}

    static ObjectNode canonical(JsonNode template, String source)
    {
        ObjectNode document = Documents.json().createObjectNode();
        JsonNode name = template.get("name");
        if (name == null || name.isNull() || name.asText().isBlank()) {
            throw new UsageException(source + ": the template has no name");
        }
        document.put("name", name.asText());
        JsonNode content = template.get("content");
        if (content == null || !content.isObject()) {
            throw new UsageException(source + ": 'content' must map application -> mode -> {subject, body}");
        }
        ObjectNode canonicalContent = document.putObject("content");
        for (Iterator<Map.Entry<String, JsonNode>> applications = content.fields(); applications.hasNext(); ) {
            Map.Entry<String, JsonNode> application = applications.next();
            if (!application.getValue().isObject()) {
                throw new UsageException(source + ": content of application " + application.getKey() + " must map mode -> {subject, body}");
            }
            ObjectNode modes = canonicalContent.putObject(application.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> entries = application.getValue().fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> mode = entries.next();
                ObjectNode parts = modes.putObject(mode.getKey());
                parts.put("subject", mode.getValue().path("subject").asText(""));
                parts.put("body", mode.getValue().path("body").asText(""));
            }
        }
        return document;
    }
}
