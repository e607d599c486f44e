package dev.iris.core.maintenance;

import java.time.Instant;

/**
 * A maintenance window: for one application or one plan (every version of the name), from
 * {@code startsAt} to {@code endsAt}, why, and who opened it. {@code stopPaging}: at its start it
 * also silences matching incidents already paging. {@code resumeAtEnd}: at its end the incidents
 * it silenced that are still open start or resume escalation; otherwise they are left
 * unacknowledged.
 */
public record MaintenanceWindow(
        long id,
        String application,
        String planName,
        Instant startsAt,
        Instant endsAt,
        String reason,
        String creator,
        boolean stopPaging,
        boolean resumeAtEnd,
        Instant created,
        boolean startedDone,
        boolean endedDone)
{
    /**
     * "scheduled", "in effect" or "ended", at {@code now}.
     */
    public String status(Instant now)
    {
        if (!now.isBefore(endsAt)) {
            return "ended";
        }
        return now.isBefore(startsAt) ? "scheduled" : "in effect";
    }

    /**
     * What it covers, as people read it.
     */
    public String scope()
    {
        return application != null ? "application " + application : "plan " + planName;
    }
}
