package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rackspace Monitoring's notification webhook, as Iris accepts it: a body with {@code event_id} and
 * {@code details}, the plan in the {@code plan} query parameter. Like Iris, every notification
 * opens an incident (Rackspace notifications carry no group key to deduplicate on).
 */
public final class RackspacePayload
{
    private RackspacePayload() {}

    public static InboundAlert parse(JsonNode body, String plan)
    {
        // Iris checks the plan first, then the body.
        if (plan == null || plan.isBlank()) {
            throw new AlertPayloadException("missing plan in rackspace webhook url parameters", "plan query parameter is missing");
        }
        Payloads.requireObject(body);
        Payloads.requirePresent(body, "missing event_id and/or details attributes", "event_id", "details");
        String event = Payloads.text(body.get("event_id"));
        return new InboundAlert(plan, null, InboundAlert.Action.FIRE, body, "Rackspace event " + (event == null ? "" : event));
    }
}
