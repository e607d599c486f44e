package dev.iris.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.DocumentKind;
import dev.iris.cli.Documents;
import dev.iris.cli.UsageException;
import dev.iris.common.http.IrisException;
import dev.iris.common.plan.PlanDurations;

import java.util.List;

/**
 * The YAML form of a plan: the fields of {@code POST /v0/plans} without ids, creator or dates, in
 * a fixed order, so an exported plan, an edited file and the active version compare line by line.
 */
final class PlanDocuments
{
    private static final List<String> PLAN_FIELDS = List.of(
            "name", "description", "threshold_window", "threshold_count", "aggregation_window", "aggregation_reset",
            "tracking_type", "tracking_key", "tracking_template");
    private static final List<String> NOTIFICATION_FIELDS = List.of(
            "role", "target", "dynamic_index", "priority", "template", "repeat", "wait", "optional", "countdown");
    private static final List<String> DEFAULTED_FIELDS = List.of("repeat", "wait", "optional");

    static final DocumentKind KIND = new DocumentKind("plan", "/v0/plans", PlanDocuments::canonical, "/v0/plans/validate", PlanDurations::toText);

    private PlanDocuments() {}

    /**
     * The canonical document of a plan, from the API's JSON or from a YAML file.
     */
    static ObjectNode canonical(JsonNode plan, String source)
    {
        ObjectNode document = Documents.json().createObjectNode();
        for (String field : PLAN_FIELDS) {
            JsonNode value = plan.get(field);
            if (value != null && !value.isNull()) {
                document.set(field, value);
            }
        }
        if (!document.hasNonNull("name") || document.get("name").asText().isBlank()) {
            throw new UsageException(source + ": the plan has no name");
        }
        JsonNode steps = plan.get("steps");
        if (steps == null || !steps.isArray()) {
            throw new UsageException(source + ": 'steps' must be a list of steps, each a list of notifications");
        }
        ArrayNode canonicalSteps = document.putArray("steps");
        int stepNumber = 0;
        for (JsonNode step : steps) {
            stepNumber++;
            if (!step.isArray()) {
                throw new UsageException(source + ": step " + stepNumber + " must be a list of notifications");
            }
            ArrayNode canonicalStep = canonicalSteps.addArray();
            for (JsonNode notification : step) {
                if (!notification.isObject()) {
                    throw new UsageException(source + ": step " + stepNumber + " has a notification that is not a mapping");
                }
                ObjectNode canonicalNotification = canonicalStep.addObject();
                // Fields in one order, Iris's defaults written out ("omitted" and "0" are the same),
                // flags as 0/1, and countdown only where it is on, as the API lists it.
                for (String field : NOTIFICATION_FIELDS) {
                    JsonNode value = notification.get(field);
                    boolean defaulted = DEFAULTED_FIELDS.contains(field);
                    if (value == null || value.isNull()) {
                        if (defaulted) {
                            canonicalNotification.put(field, 0);
                        }
                    }
                    else if (value.isBoolean() && (defaulted || field.equals("countdown"))) {
                        canonicalNotification.put(field, value.asBoolean() ? 1 : 0);
                    }
                    else {
                        canonicalNotification.set(field, value);
                    }
                }
                JsonNode countdown = canonicalNotification.get("countdown");
                if (countdown != null && countdown.asInt() == 0 && !countdown.isTextual()) {
                    canonicalNotification.remove("countdown");
                }
            }
        }
        try {
            // Files may say "wait: 5m"; the API takes seconds.
            return PlanDurations.toSeconds(document);
        }
        catch (IrisException e) {
            throw new UsageException(source + ": " + e.description());
        }
    }
}
