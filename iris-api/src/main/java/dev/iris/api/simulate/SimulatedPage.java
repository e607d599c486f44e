package dev.iris.api.simulate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One message the sender would send: when, in which step and round, to whom, how.
 *
 * @param at unix seconds
 * @param offsetSeconds seconds after the incident starts
 * @param round 0-based repeat round of the notification
 * @param modeSource which setting chose the mode (Iris's order), or the fallback taken
 * @param note why this page differs from the plan as written (creator fallback, email fallback...)
 */
public record SimulatedPage(
        @JsonProperty("at") long at,
        @JsonProperty("offset_seconds") long offsetSeconds,
        @JsonProperty("step") int step,
        @JsonProperty("round") int round,
        @JsonProperty("plan_notification_id") long planNotificationId,
        @JsonProperty("role") String role,
        @JsonProperty("target") String target,
        @JsonProperty("user") String user,
        @JsonProperty("priority") String priority,
        @JsonProperty("mode") String mode,
        @JsonProperty("mode_source") String modeSource,
        @JsonProperty("destination") String destination,
        @JsonProperty("template") String template,
        @JsonProperty("note") String note) {}
