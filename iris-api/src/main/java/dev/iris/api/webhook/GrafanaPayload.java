package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Grafana's alert webhooks: unified alerting (Grafana 8+, {@code version "1"}, an Alertmanager-like
 * body with {@code alerts}) and the legacy body Iris accepted ({@code ruleName}, {@code state}).
 * The plan comes from the {@code plan} query parameter.
 *
 * <p>Dedup key: unified alerting's {@code groupKey} (else the org and title); legacy alerts: the
 * {@code ruleId} (else the rule name). Unified {@code status: resolved} and legacy
 * {@code state: ok} resolve; legacy {@code pending} and {@code paused} are ignored.
 */
public final class GrafanaPayload
{
    private GrafanaPayload() {}

    public static InboundAlert parse(JsonNode body, String planParameter)
    {
        Payloads.requireObject(body);
        if (body.has("alerts") || "1".equals(Payloads.text(body.get("version")))) {
            return unified(body, planParameter);
        }
        return legacy(body, planParameter);
    }

    private static InboundAlert unified(JsonNode body, String plan)
    {
        String status = Payloads.requireText(body, "status");
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new AlertPayloadException("alerts is missing or not a list");
        }
        InboundAlert.Action action = switch (status) {
            case "firing" -> InboundAlert.Action.FIRE;
            case "resolved" -> InboundAlert.Action.RESOLVE;
            default -> throw new AlertPayloadException("status must be firing or resolved, not " + status);
        };
        requirePlan(plan, action);
        String groupKey = Payloads.text(body.get("groupKey"));
        String dedupKey = "grafana:" + (groupKey != null ? groupKey
                : Payloads.text(body.get("orgId")) + ":" + Payloads.firstText(body.get("title"), Payloads.canonical(body.get("groupLabels"))));
        String title = Payloads.firstText(body.get("title"), "Grafana alert");
        return new InboundAlert(plan, dedupKey, action, body, "Grafana " + status + ": " + title);
    }

    private static InboundAlert legacy(JsonNode body, String plan)
    {
        // Iris's title, typo included.
        String ruleName = Payloads.requireText(body, "ruleName", "missing ruleName and/of state attributes");
        String state = Payloads.requireText(body, "state", "missing ruleName and/of state attributes");
        InboundAlert.Action action = switch (state) {
            case "alerting", "no_data" -> InboundAlert.Action.FIRE;
            case "ok" -> InboundAlert.Action.RESOLVE;
            case "pending", "paused" -> InboundAlert.Action.IGNORE;
            default -> throw new AlertPayloadException("state must be alerting, no_data, ok, pending or paused, not " + state);
        };
        requirePlan(plan, action);
        String ruleId = Payloads.text(body.get("ruleId"));
        String dedupKey = "grafana-rule:" + (ruleId != null ? ruleId : ruleName);
        return new InboundAlert(plan, dedupKey, action, body, "Grafana " + state + ": " + ruleName);
    }

    private static void requirePlan(String plan, InboundAlert.Action action)
    {
        if (plan == null && action == InboundAlert.Action.FIRE) {
            throw AlertPayloadException.missingParameter("plan");
        }
    }
}
