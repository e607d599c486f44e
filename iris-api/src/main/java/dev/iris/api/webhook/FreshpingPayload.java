package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Freshping's webhook, as Iris accepts it: a body with {@code title}, {@code description},
 * {@code tags} and {@code ticket_id}, the plan in the {@code plan} query parameter. Like Iris,
 * every notification opens an incident, and the payload is stored as it came.
 */
public final class FreshpingPayload
{
    private FreshpingPayload() {}

    public static InboundAlert parse(JsonNode body, String plan)
    {
        Payloads.requireObject(body);
        // Iris's title for any of the four missing.
        Payloads.requirePresent(body, "missing channel name attributes", "title", "description", "tags", "ticket_id");
        if (plan == null || plan.isBlank()) {
            throw AlertPayloadException.missingParameter("plan");
        }
        String title = Payloads.text(body.get("title"));
        return new InboundAlert(plan, null, InboundAlert.Action.FIRE, body, "Freshping: " + (title == null ? "" : title));
    }
}
