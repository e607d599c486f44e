package dev.iris.api.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;

/**
 * Any JSON object. Each of plan, dedup key and action comes from a query parameter, or from a JSON
 * pointer into the body named by the matching {@code *_path} parameter (for example
 * {@code ?dedup_path=/alert/id&action_path=/alert/state}). An action of resolve, resolved, ok,
 * clear, cleared or recovered resolves; anything else (or none) fires. Without a dedup key every
 * notification opens a new incident.
 */
public final class GenericPayload
{
    private static final Set<String> RESOLVING = Set.of("resolve", "resolved", "ok", "clear", "cleared", "recovered");

    /**
     * The query parameters that steer parsing.
     */
    public record Options(String plan, String planPath, String dedupKey, String dedupPath, String action, String actionPath) {}

    private GenericPayload() {}

    public static InboundAlert parse(JsonNode body, Options options)
    {
        Payloads.requireObject(body);
        String plan = fromParameterOrPath(body, options.plan(), options.planPath(), "plan_path");
        String dedupKey = fromParameterOrPath(body, options.dedupKey(), options.dedupPath(), "dedup_path");
        String actionText = fromParameterOrPath(body, options.action(), options.actionPath(), "action_path");
        InboundAlert.Action action = actionText != null && RESOLVING.contains(actionText.toLowerCase(Locale.ROOT))
                ? InboundAlert.Action.RESOLVE
                : InboundAlert.Action.FIRE;
        if (plan == null && action == InboundAlert.Action.FIRE) {
            throw new AlertPayloadException(options.planPath() != null
                    ? "no plan at " + options.planPath() + " in the body"
                    : "plan query parameter is missing (or name it with plan_path)");
        }
        if (dedupKey == null && options.dedupPath() != null) {
            throw new AlertPayloadException("no dedup key at " + options.dedupPath() + " in the body");
        }
        if (action == InboundAlert.Action.RESOLVE && dedupKey == null) {
            throw new AlertPayloadException("a resolve needs a dedup key (dedup_key or dedup_path)");
        }
        String summary = "Generic alert " + (action == InboundAlert.Action.RESOLVE ? "resolved" : "firing")
                + (dedupKey == null ? "" : ": " + dedupKey);
        return new InboundAlert(plan, dedupKey == null ? null : "generic:" + dedupKey, action, body, summary);
    }

    private static String fromParameterOrPath(JsonNode body, String parameter, String path, String pathName)
    {
        if (parameter != null && !parameter.isBlank()) {
            return parameter;
        }
        if (path == null || path.isBlank()) {
            return null;
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(path);
        }
        catch (IllegalArgumentException e) {
            throw new AlertPayloadException(pathName + " must be a JSON pointer like /alert/id, not " + path);
        }
        JsonNode value = body.at(pointer);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
