package dev.iris.core.schedule;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Everything that decides who is on call for one team: its rotations (current and ended), its
 * overrides and its swaps. {@link OnCall} computes from it without a database.
 */
public record TeamSchedule(String team, Duration noticeLead, List<Rotation> rotations, List<ScheduleOverride> overrides,
        List<ScheduleSwap> swaps)
{
    public static final Duration DEFAULT_NOTICE_LEAD = Duration.ofHours(1);

    public TeamSchedule
    {
        requireNonNull(team, "team is null");
        requireNonNull(noticeLead, "noticeLead is null");
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
        swaps = List.copyOf(swaps);
    }

    public boolean isEmpty()
    {
        return rotations.isEmpty() && overrides.isEmpty();
    }
}
