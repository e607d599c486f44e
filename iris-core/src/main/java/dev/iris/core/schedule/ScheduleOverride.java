package dev.iris.core.schedule;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * {@code user} covers {@code role} during [start, end): in place of {@code replaced} only, or of
 * everyone on call then when {@code replaced} is null.
 */
public record ScheduleOverride(long id, ScheduleRole role, String user, String replaced, Instant start, Instant end)
{
    public ScheduleOverride
    {
        requireNonNull(role, "role is null");
        requireNonNull(user, "user is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    boolean covers(ScheduleRole role, Instant instant)
    {
        return this.role == role && !start.isAfter(instant) && end.isAfter(instant);
    }
}
