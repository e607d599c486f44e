package dev.iris.core.schedule;

import dev.iris.spi.rolelookup.RoleLookup;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code oncall-primary}, {@code oncall} (the primary), {@code oncall-secondary},
 * {@code oncall-shadow} and {@code manager} of a team from Iris's own schedules, at the clock's
 * instant. A team that does not schedule the role then is "not mine", so the next lookup in the
 * chain answers (the database for the team's manager, the Oncall plugin for a team still on
 * Oncall); a scheduled role with nobody on call is an empty answer, a gap, and the plan's creator
 * is paged instead.
 */
public final class ScheduleRoleLookup
        implements RoleLookup
{
    private final Jdbi jdbi;
    private final Clock clock;

    public ScheduleRoleLookup(Jdbi jdbi, Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<List<String>> lookup(String role, String target)
    {
        Optional<ScheduleRole> scheduleRole = ScheduleRole.fromPlanRole(requireNonNull(role, "role is null"));
        if (scheduleRole.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> ScheduleLoader.load(handle, requireNonNull(target, "target is null")))
                .flatMap(schedule -> new OnCall(schedule).at(scheduleRole.get(), clock.instant()));
    }
}
