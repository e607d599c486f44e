package dev.iris.api.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.iris.common.http.IrisException;
import dev.iris.common.plan.PlanDurations;

import java.util.List;

/**
 * Plans as YAML: the export keeps exactly what {@code POST /v0/plans} takes (so an exported file,
 * edited, imports as a new version), and the import turns YAML back into that JSON body.
 */
public final class PlanYaml
{
    private static final List<String> PLAN_FIELDS = List.of("name", "description", "threshold_window", "threshold_count",
            "aggregation_window", "aggregation_reset", "tracking_type", "tracking_key", "tracking_template");
    private static final List<String> NOTIFICATION_FIELDS = List.of("role", "target", "dynamic_index", "priority", "template", "repeat", "wait", "optional", "countdown");
    private static final int MAX_YAML_CHARS = 256 * 1024;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    /**
     * A stored plan ({@code GET /v0/plans/{id}}'s shape) as YAML.
     */
    public String export(JsonNode plan)
    {
        ObjectNode out = yaml.createObjectNode();
        for (String field : PLAN_FIELDS) {
            JsonNode value = plan.get(field);
            if (value != null && !value.isNull()) {
                out.set(field, value);
            }
        }
        ArrayNode steps = out.putArray("steps");
        for (JsonNode step : plan.path("steps")) {
            ArrayNode stepOut = steps.addArray();
            for (JsonNode notification : step) {
                ObjectNode notificationOut = stepOut.addObject();
                for (String field : NOTIFICATION_FIELDS) {
                    JsonNode value = notification.get(field);
                    if (value != null && !value.isNull()) {
                        notificationOut.set(field, value);
                    }
                }
            }
        }
        // Durations as people write them (wait: 5m); the import reads them back as seconds.
        PlanDurations.toText(out);
        try {
            return yaml.writeValueAsString(out);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as YAML", e);
        }
    }

    /**
     * YAML (pasted or uploaded) as the body of {@code POST /v0/plans}, created by {@code creator}
     * whatever the file says. 400 with the parser's message and position for YAML that does not
     * parse or is not a mapping.
     */
    public ObjectNode toRequest(String text, String creator)
    {
        if (text == null || text.isBlank()) {
            throw IrisException.badRequest("Invalid YAML", "Paste a plan or choose a file first");
        }
        if (text.length() > MAX_YAML_CHARS) {
            throw IrisException.badRequest("Invalid YAML", "The plan is larger than " + MAX_YAML_CHARS + " characters");
        }
        JsonNode parsed;
        try {
            parsed = yaml.readTree(text);
        }
        catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw IrisException.badRequest("Invalid YAML", e.getOriginalMessage() + location);
        }
        if (parsed == null || !parsed.isObject()) {
            throw IrisException.badRequest("Invalid YAML", "A plan must be a mapping with name, steps and the other plan fields");
        }
        // People write "wait: 5m" as the editor shows minutes; the API takes seconds.
        ObjectNode body = PlanDurations.toSeconds((ObjectNode) parsed);
        body.put("creator", creator);
        return body;
    }
}
