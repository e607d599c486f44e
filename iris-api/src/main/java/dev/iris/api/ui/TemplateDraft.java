package dev.iris.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as the editor holds it: a name and rows of (application, mode, subject, body). Form
 * fields: {@code name} and {@code content.<n>.application|mode|subject|body}.
 */
public record TemplateDraft(String name, List<Content> contents)
{
    private static final Pattern CONTENT_FIELD = Pattern.compile("content\\.(\\d{1,3})\\.(application|mode|subject|body)");

    /**
     * The subject and body for one application and mode.
     */
    public record Content(String application, String mode, String subject, String body) {}

    public TemplateDraft
    {
        contents = List.copyOf(contents);
    }

    public static TemplateDraft fromForm(MultivaluedMap<String, String> form)
    {
        Map<Integer, Map<String, String>> rows = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            Matcher matcher = CONTENT_FIELD.matcher(entry.getKey());
            if (matcher.matches() && !entry.getValue().isEmpty()) {
                rows.computeIfAbsent(Integer.parseInt(matcher.group(1)), key -> new TreeMap<>()).put(matcher.group(2), entry.getValue().get(0));
            }
        }
        List<Content> contents = new ArrayList<>();
        for (Map<String, String> row : rows.values()) {
            contents.add(new Content(text(row.get("application")), text(row.get("mode")), row.getOrDefault("subject", ""), row.getOrDefault("body", "")));
        }
        String name = form.getFirst("name");
        return new TemplateDraft(name == null ? "" : name.strip(), contents);
    }

    /**
     * A stored template ({@code GET /v0/templates/{id}}'s shape).
     */
    public static TemplateDraft fromTemplate(JsonNode template)
    {
        List<Content> contents = new ArrayList<>();
        for (Map.Entry<String, JsonNode> application : template.path("content").properties()) {
            for (Map.Entry<String, JsonNode> mode : application.getValue().properties()) {
                contents.add(new Content(application.getKey(), mode.getKey(),
                        mode.getValue().path("subject").asText(""), mode.getValue().path("body").asText("")));
            }
        }
        return new TemplateDraft(template.path("name").asText(""), contents);
    }

    /**
     * A copy with one more row, unless that application and mode already have one.
     */
    public TemplateDraft withContent(String application, String mode)
    {
        if (application == null || mode == null || application.isBlank() || mode.isBlank()
                || contents.stream().anyMatch(content -> content.application().equals(application) && content.mode().equals(mode))) {
            return this;
        }
        List<Content> copy = new ArrayList<>(contents);
        copy.add(new Content(application, mode, "", ""));
        return new TemplateDraft(name, copy);
    }

    public TemplateDraft withoutContent(int index)
    {
        if (index < 0 || index >= contents.size()) {
            return this;
        }
        List<Content> copy = new ArrayList<>(contents);
        copy.remove(index);
        return new TemplateDraft(name, copy);
    }

    /**
     * The body of {@code POST /v0/templates}.
     */
    public ObjectNode toRequest(ObjectMapper objectMapper, String creator)
    {
        ObjectNode body = objectMapper.createObjectNode();
        body.put("name", name);
        body.put("creator", creator);
        ObjectNode content = body.putObject("content");
        for (Content row : contents) {
            JsonNode existing = content.get(row.application());
            ObjectNode application = existing instanceof ObjectNode node ? node : content.putObject(row.application());
            ObjectNode mode = application.putObject(row.mode());
            mode.put("subject", row.subject());
            mode.put("body", row.body());
        }
        return body;
    }

    private static String text(String value)
    {
        return value == null ? "" : value.strip();
    }
}
