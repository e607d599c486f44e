package dev.iris.core.schedule;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Counts the gaps ahead in schedule roles that active plans page: every stretch in the next
 * {@link #AHEAD} where a plan step on {@code oncall-*} or {@code manager} of a scheduled team would
 * find nobody on call (the {@code iris.schedule.gaps} metric), so they are fixed before they
 * matter.
 */
public final class ScheduleGaps
{
    public static final Duration AHEAD = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final Clock clock;

    public ScheduleGaps(Jdbi jdbi, Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record PlannedRole(String role, String team) {}

    public long count()
    {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> {
            List<PlannedRole> planned = handle.createQuery("""
                            SELECT DISTINCT r.name AS role, t.name AS team
                            FROM plan_active pa
                            JOIN plan_notification pn ON pn.plan_id = pa.plan_id
                            JOIN target_role r ON r.id = pn.role_id
                            JOIN target t ON t.id = pn.target_id
                            WHERE r.name LIKE 'oncall%' OR r.name = 'manager'""")
                    .map((rs, ctx) -> new PlannedRole(rs.getString("role"), rs.getString("team")))
                    .list();
            long gaps = 0;
            for (PlannedRole plannedRole : planned) {
                ScheduleRole role = ScheduleRole.fromPlanRole(plannedRole.role()).orElse(null);
                if (role == null) {
                    continue;
                }
                gaps += ScheduleLoader.load(handle, plannedRole.team())
                        .map(schedule -> (long) new OnCall(schedule).gaps(role, now, now.plus(AHEAD)).size())
                        .orElse(0L);
            }
            return gaps;
        });
    }
}
