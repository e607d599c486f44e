package dev.iris.core.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A stretch of time during which the same people fill a role.
 *
 * @param scheduled whether the team schedules this role then (a rotation in force or an
 *        override); a scheduled segment without people is a gap
 */
public record Segment(ScheduleRole role, Instant start, Instant end, List<String> users, boolean scheduled)
{
    public Segment
    {
        users = List.copyOf(users);
    }

    public boolean isGap()
    {
        return scheduled && users.isEmpty();
    }
}
