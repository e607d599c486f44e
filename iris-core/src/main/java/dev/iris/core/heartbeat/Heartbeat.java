package dev.iris.core.heartbeat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A registered heartbeat and where it stands.
 *
 * @param lastBeat null until the first beat
 * @param dueAt the next beat must arrive before this
 * @param incidentId the open incident for the current miss, or null
 */
public record Heartbeat(
        @JsonIgnore long id,
        @JsonIgnore long applicationId,
        @JsonProperty("application") String application,
        @JsonProperty("name") String name,
        @JsonProperty("interval_seconds") int intervalSeconds,
        @JsonProperty("plan") String plan,
        @JsonIgnore Instant lastBeat,
        @JsonIgnore Instant dueAt,
        @JsonProperty("incident_id") Long incidentId)
{
    @JsonProperty("last_beat")
    public Long lastBeatSeconds()
    {
        return lastBeat == null ? null : lastBeat.getEpochSecond();
    }

    @JsonProperty("due_at")
    public long dueAtSeconds()
    {
        return dueAt.getEpochSecond();
    }

    /**
     * {@code missed} while an incident is open for it, {@code waiting} before the first beat,
     * {@code ok} otherwise.
     */
    @JsonProperty("status")
    public String status()
    {
        if (incidentId != null) {
            return "missed";
        }
        return lastBeat == null ? "waiting" : "ok";
    }
}
