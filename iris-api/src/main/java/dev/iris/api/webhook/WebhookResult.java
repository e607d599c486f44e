package dev.iris.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a webhook notification did: {@code created} (201), {@code deduplicated} into the open
 * incident, {@code resolved} it, or {@code ignored} (nothing open to resolve, or a state that
 * needs no action).
 */
public record WebhookResult(
        @JsonProperty("incident_id") Long incidentId,
        @JsonProperty("action") String action)
{
    public boolean created()
    {
        return "created".equals(action);
    }
}
