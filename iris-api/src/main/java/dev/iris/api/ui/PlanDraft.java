package dev.iris.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan as the editor holds it between requests: the form's fields, in the units people think
 * in (minutes, "count" = repeat + 1), convertible to and from the API's JSON body. Validation is
 * the plan service's, not this class's: a draft may hold anything the form sent.
 *
 * <p>Form fields: {@code name}, {@code description}, {@code thresholdCount},
 * {@code thresholdMinutes}, {@code aggregationMinutes}, {@code resetMinutes}, {@code trackingType},
 * {@code trackingKey}, {@code trackingTemplate} (JSON), and per notification
 * {@code step.<s>.<n>.<field>} with fields role, target, priority, template, count, waitMinutes,
 * optional, countdown.
 */
public record PlanDraft(
        String name,
        String description,
        String thresholdCount,
        String thresholdMinutes,
        String aggregationMinutes,
        String resetMinutes,
        String trackingType,
        String trackingKey,
        String trackingTemplate,
        List<List<Notification>> steps)
{
    private static final Pattern STEP_FIELD = Pattern.compile("step\\.(\\d{1,3})\\.(\\d{1,3})\\.([a-zA-Z]+)");

    /**
     * One notification of a step, as typed.
     */
    public record Notification(String role, String target, String priority, String template, String count, String waitMinutes, boolean optional,
            boolean countdown)
    {
        public static Notification empty()
        {
            return new Notification("user", "", "high", "", "1", "5", false, false);
        }
    }

    public PlanDraft
    {
        steps = steps.stream().map(List::copyOf).toList();
    }

    public static PlanDraft empty()
    {
        return new PlanDraft("", "", "", "", "", "", "", "", "", List.of(List.of(Notification.empty())));
    }

    public static PlanDraft fromForm(MultivaluedMap<String, String> form)
    {
        Map<Integer, Map<Integer, Map<String, String>>> byStep = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            Matcher matcher = STEP_FIELD.matcher(entry.getKey());
            if (matcher.matches() && !entry.getValue().isEmpty()) {
                byStep.computeIfAbsent(Integer.parseInt(matcher.group(1)), key -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(matcher.group(2)), key -> new TreeMap<>())
                        .put(matcher.group(3), entry.getValue().get(0));
            }
        }
        List<List<Notification>> steps = new ArrayList<>();
        for (Map<Integer, Map<String, String>> step : byStep.values()) {
            List<Notification> notifications = new ArrayList<>();
            for (Map<String, String> fields : step.values()) {
                notifications.add(new Notification(
                        text(fields.get("role")), text(fields.get("target")), text(fields.get("priority")), text(fields.get("template")),
                        text(fields.get("count")), text(fields.get("waitMinutes")), checked(fields.get("optional")), checked(fields.get("countdown"))));
            }
            steps.add(notifications);
        }
        return new PlanDraft(text(form.getFirst("name")), text(form.getFirst("description")), text(form.getFirst("thresholdCount")),
                text(form.getFirst("thresholdMinutes")), text(form.getFirst("aggregationMinutes")), text(form.getFirst("resetMinutes")),
                text(form.getFirst("trackingType")), text(form.getFirst("trackingKey")), text(form.getFirst("trackingTemplate")), steps);
    }

    /**
     * A stored plan ({@code GET /v0/plans/{id}}'s shape) as a draft to edit into a new version.
     */
    public static PlanDraft fromPlan(JsonNode plan)
    {
        List<List<Notification>> steps = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            List<Notification> notifications = new ArrayList<>();
            for (JsonNode notification : step) {
                notifications.add(new Notification(
                        notification.path("role").asText(""),
                        notification.path("target").asText(""),
                        notification.path("priority").asText(""),
                        notification.path("template").asText(""),
                        String.valueOf(notification.path("repeat").asLong(0) + 1),
                        minutes(notification.path("wait")),
                        notification.path("optional").asInt(0) != 0,
                        notification.path("countdown").asInt(0) != 0));
            }
            steps.add(notifications);
        }
        JsonNode tracking = plan.get("tracking_template");
        return new PlanDraft(
                plan.path("name").asText(""),
                plan.path("description").asText(""),
                plan.path("threshold_count").isNull() ? "" : plan.path("threshold_count").asText(""),
                minutes(plan.path("threshold_window")),
                minutes(plan.path("aggregation_window")),
                minutes(plan.path("aggregation_reset")),
                plan.path("tracking_type").isNull() ? "" : plan.path("tracking_type").asText(""),
                plan.path("tracking_key").isNull() ? "" : plan.path("tracking_key").asText(""),
                tracking == null || tracking.isNull() ? "" : tracking.isTextual() ? tracking.asText() : tracking.toPrettyString(),
                steps);
    }

    /**
     * The body of {@code POST /v0/plans} for this draft. Numbers the form cannot parse are passed
     * on as text, so the plan service reports them the way the API does.
     */
    public ObjectNode toRequest(ObjectMapper objectMapper, String creator)
    {
        ObjectNode body = objectMapper.createObjectNode();
        body.put("name", name);
        body.put("creator", creator);
        body.put("description", description);
        putNumber(body, "threshold_count", thresholdCount, 1);
        putNumber(body, "threshold_window", thresholdMinutes, 60);
        putNumber(body, "aggregation_window", aggregationMinutes, 60);
        putNumber(body, "aggregation_reset", resetMinutes, 60);
        if (!trackingType.isEmpty() || !trackingKey.isEmpty() || !trackingTemplate.isEmpty()) {
            body.put("tracking_type", trackingType.isEmpty() ? null : trackingType);
            body.put("tracking_key", trackingKey.isEmpty() ? null : trackingKey);
            body.set("tracking_template", parseJsonOrText(objectMapper, trackingTemplate));
        }
        ArrayNode stepsNode = body.putArray("steps");
        for (int stepIndex = 0; stepIndex < steps.size(); stepIndex++) {
            ArrayNode stepNode = stepsNode.addArray();
            List<Notification> step = steps.get(stepIndex);
            for (int index = 0; index < step.size(); index++) {
                Notification notification = step.get(index);
                Long rounds = parseLong(notification.count());
                if (rounds != null && rounds < 1) {
                    // Count is how many times the people are paged: 0 would page nobody, not once.
                    throw IrisException.badRequest("Invalid plan", "Step " + (stepIndex + 1) + ", notification " + (index + 1)
                            + ": count must be at least 1 (the number of times to page)");
                }
                ObjectNode node = stepNode.addObject();
                node.put("role", notification.role());
                node.put("target", notification.target());
                node.put("priority", notification.priority());
                node.put("template", notification.template());
                Long count = parseLong(notification.count());
                if (count != null) {
                    node.put("repeat", Math.max(0, count - 1));
                }
                else {
                    node.put("repeat", notification.count());
                }
                putNumber(node, "wait", notification.waitMinutes(), 60);
                node.put("optional", notification.optional() ? 1 : 0);
                if (notification.countdown()) {
                    node.put("countdown", 1);
                }
            }
        }
        return body;
    }

    /**
     * A copy with one more (empty) step.
     */
    public PlanDraft withStepAdded()
    {
        List<List<Notification>> copy = new ArrayList<>(steps);
        copy.add(List.of(Notification.empty()));
        return withSteps(copy);
    }

    /**
     * A copy with one more notification in step {@code step} (0-based).
     */
    public PlanDraft withNotificationAdded(int step)
    {
        if (step < 0 || step >= steps.size()) {
            return this;
        }
        List<List<Notification>> copy = new ArrayList<>(steps);
        List<Notification> notifications = new ArrayList<>(copy.get(step));
        notifications.add(Notification.empty());
        copy.set(step, notifications);
        return withSteps(copy);
    }

    /**
     * A copy without notification {@code index} of step {@code step}; a step left empty goes too.
     */
    public PlanDraft withNotificationRemoved(int step, int index)
    {
        if (step < 0 || step >= steps.size() || index < 0 || index >= steps.get(step).size()) {
            return this;
        }
        List<List<Notification>> copy = new ArrayList<>(steps);
        List<Notification> notifications = new ArrayList<>(copy.get(step));
        notifications.remove(index);
        if (notifications.isEmpty()) {
            copy.remove(step);
        }
        else {
            copy.set(step, notifications);
        }
        return withSteps(copy);
    }

    private PlanDraft withSteps(List<List<Notification>> newSteps)
    {
        return new PlanDraft(name, description, thresholdCount, thresholdMinutes, aggregationMinutes, resetMinutes, trackingType, trackingKey,
                trackingTemplate, newSteps);
    }

    private static void putNumber(ObjectNode node, String field, String text, long multiplier)
    {
        if (text.isEmpty()) {
            return;
        }
        Double value = parseDouble(text);
        if (value == null) {
            node.put(field, text);
        }
        else {
            node.put(field, Math.round(value * multiplier));
        }
    }

    private static JsonNode parseJsonOrText(ObjectMapper objectMapper, String text)
    {
        if (text.isEmpty()) {
            return objectMapper.nullNode();
        }
        try {
            return objectMapper.readTree(text);
        }
        catch (java.io.IOException e) {
            return objectMapper.getNodeFactory().textNode(text);
        }
    }

    private static String minutes(JsonNode seconds)
    {
        if (seconds == null || seconds.isNull() || seconds.isMissingNode()) {
            return "";
        }
        long value = seconds.asLong(0);
        return value % 60 == 0 ? String.valueOf(value / 60) : String.valueOf(value / 60.0);
    }

    private static Long parseLong(String text)
    {
        try {
            return Long.parseLong(text.strip());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text)
    {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String value)
    {
        return value == null ? "" : value.strip();
    }

    private static boolean checked(String value)
    {
        return "on".equals(value) || "1".equals(value);
    }
}
