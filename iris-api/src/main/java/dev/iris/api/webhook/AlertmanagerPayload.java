package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prometheus Alertmanager's webhook (payload {@code version "4"}). The plan comes from
 * {@code groupLabels.iris_plan}, as in Iris, or the {@code plan} query parameter. Notifications of
 * one alert group share a {@code groupKey}: the first opens an incident, repeats while it fires
 * are absorbed, and {@code status: resolved} (sent when every alert of the group has resolved)
 * resolves it.
 */
public final class AlertmanagerPayload
{
    private AlertmanagerPayload() {}

    /** Iris's title for a body without version, status or alerts. */
    static final String MISSING_ATTRIBUTES = "missing version, status and/or alert attributes";
    /** Iris's title for a body without a plan. */
    static final String MISSING_PLAN = "missing iris_plan in group labels";

    public static InboundAlert parse(JsonNode body, String planParameter)
    {
        Payloads.requireObject(body);
        Payloads.requireText(body, "version", MISSING_ATTRIBUTES);
        String status = Payloads.requireText(body, "status", MISSING_ATTRIBUTES);
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new AlertPayloadException(MISSING_ATTRIBUTES, "alerts is missing or not a list");
        }
        String plan = Payloads.firstText(body.at("/groupLabels/iris_plan"), planParameter);
        InboundAlert.Action action = switch (status) {
            case "firing" -> InboundAlert.Action.FIRE;
            case "resolved" -> InboundAlert.Action.RESOLVE;
            default -> throw new AlertPayloadException("status must be firing or resolved, not " + status);
        };
        if (plan == null && action == InboundAlert.Action.FIRE) {
            throw new AlertPayloadException(MISSING_PLAN, "groupLabels.iris_plan is missing (or pass ?plan=)");
        }
        String groupKey = Payloads.text(body.get("groupKey"));
        String dedupKey = "alertmanager:" + (groupKey != null ? groupKey
                : Payloads.text(body.get("receiver")) + ":" + Payloads.canonical(body.get("groupLabels")));
        int firing = 0;
        for (JsonNode alert : alerts) {
            if ("firing".equals(Payloads.text(alert.get("status")))) {
                firing++;
            }
        }
        String name = Payloads.firstText(body.at("/commonLabels/alertname"), Payloads.text(body.at("/groupLabels/alertname")));
        String summary = "Alertmanager " + status + ": " + (name == null ? "alert group" : name)
                + " (" + firing + " of " + alerts.size() + " alerts firing)";
        return new InboundAlert(plan, dedupKey, action, body, summary);
    }
}
