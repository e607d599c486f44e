package dev.iris.common.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in plan documents people write (YAML in the web import and {@code iris plan apply}):
 * {@code wait: 5m} reads like the editor's minutes, where Iris's API takes seconds. Integers stay
 * seconds; strings such as {@code 90s}, {@code 5m}, {@code 1h30m} or {@code 1d} become seconds. The
 * API itself keeps Iris's seconds.
 */
public final class PlanDurations
{
    private static final List<String> PLAN_FIELDS = List.of("threshold_window", "aggregation_window", "aggregation_reset");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private PlanDurations() {}

    /**
     * Rewrites the duration fields of a plan document to seconds, in place.
     *
     * @throws IrisException 400 naming the step, the notification and the field of a value that is
     *         not a duration
     */
    public static ObjectNode toSeconds(ObjectNode plan)
    {
        for (String field : PLAN_FIELDS) {
            convert(plan, field, field);
        }
        JsonNode steps = plan.get("steps");
        if (steps != null && steps.isArray()) {
            int stepNumber = 0;
            for (JsonNode step : steps) {
                stepNumber++;
                int notificationNumber = 0;
                for (JsonNode notification : step) {
                    notificationNumber++;
                    if (notification instanceof ObjectNode object) {
                        convert(object, "wait", "Step " + stepNumber + ", notification " + notificationNumber + ": wait");
                    }
                }
            }
        }
        return plan;
    }

    private static void convert(ObjectNode node, String field, String label)
    {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return;
        }
        long seconds = parse(value.asText()).orElseThrow(() -> IrisException.badRequest("Invalid plan",
                label + " '" + value.asText() + "' is not a duration: use seconds or 30s, 5m, 1h, 1h30m"));
        node.put(field, seconds);
    }

    /**
     * Rewrites the duration fields of a plan document (seconds, as the API keeps them) as people
     * write them ({@code 300} becomes {@code 5m}, {@code 5400} {@code 1h30m}), in place, for exports
     * and diffs; {@link #toSeconds} reads them back. Zero stays 0.
     */
    public static ObjectNode toText(ObjectNode plan)
    {
        for (String field : PLAN_FIELDS) {
            readable(plan, field);
        }
        for (JsonNode step : plan.path("steps")) {
            for (JsonNode notification : step) {
                if (notification instanceof ObjectNode object) {
                    readable(object, "wait");
                }
            }
        }
        return plan;
    }

    private static void readable(ObjectNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
            node.put(field, text(value.asLong()));
        }
    }

    /**
     * A positive number of seconds as {@code 1d2h3m4s}, largest units first, zero parts left out.
     */
    public static String text(long seconds)
    {
        StringBuilder text = new StringBuilder();
        long rest = seconds;
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int unit = 0; unit < units.length; unit++) {
            if (rest >= units[unit]) {
                text.append(rest / units[unit]).append(names[unit]);
                rest %= units[unit];
            }
        }
        return text.toString();
    }

    /**
     * Seconds of a duration text ({@code 300}, {@code 5m}, {@code 1h30m}), if it is one.
     */
    public static Optional<Long> parse(String text)
    {
        String compact = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (compact.matches("\\d{1,9}")) {
            return Optional.of(Long.parseLong(compact));
        }
        Matcher matcher = DURATION.matcher(compact);
        if (compact.isEmpty() || !matcher.matches() || compact.length() > 20) {
            return Optional.empty();
        }
        long seconds = 0;
        long[] units = {86_400, 3_600, 60, 1};
        for (int group = 1; group <= 4; group++) {
            if (matcher.group(group) != null) {
                seconds += Long.parseLong(matcher.group(group)) * units[group - 1];
            }
        }
        return Optional.of(seconds);
    }
}
