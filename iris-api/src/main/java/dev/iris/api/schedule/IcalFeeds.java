package dev.iris.api.schedule;

import dev.iris.core.schedule.OnCall;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.core.schedule.Shift;
import jakarta.inject.Inject;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Uid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * iCal feeds of shifts, written with ical4j: a person's shifts in every team that schedules them,
 * or every shift of a team. One event per uninterrupted shift (handoffs to the same person merge),
 * from a week back to {@link #AHEAD} ahead.
 */
public final class IcalFeeds
{
    static final Duration BACK = Duration.ofDays(7);
    static final Duration AHEAD = Duration.ofDays(90);
    private static final String PRODUCT = "-//Iris//On-call schedules//EN";

    private final ScheduleService schedules;

    @Inject
    public IcalFeeds(ScheduleService schedules)
    {
        this.schedules = requireNonNull(schedules, "schedules is null");
    }

    private record TeamShift(String team, Shift shift) {}

    /**
     * @param start only shifts ending after it (Oncall's {@code start} parameter); null for a week back
     */
    public String user(String user, Instant start)
    {
        List<TeamShift> shifts = new ArrayList<>();
        for (String team : schedules.teamsOf(user)) {
            for (TeamShift shift : teamShifts(team, start)) {
                if (shift.shift().user().equals(user)) {
                    shifts.add(shift);
                }
            }
        }
        return write(shifts);
    }

    public String team(String team, Instant start)
    {
        return write(teamShifts(team, start));
    }

    private List<TeamShift> teamShifts(String team, Instant start)
    {
        Instant now = schedules.now();
        Instant from = start != null ? start : now.minus(BACK);
        Instant to = now.plus(AHEAD);
        if (!from.isBefore(to)) {
            return List.of();
        }
        if (Duration.between(from, to).compareTo(OnCall.MAX_WINDOW) > 0) {
            from = to.minus(OnCall.MAX_WINDOW);
        }
        OnCall onCall = schedules.onCall(team);
        List<TeamShift> shifts = new ArrayList<>();
        for (ScheduleRole role : onCall.roles()) {
            for (Shift shift : onCall.shifts(role, from, to)) {
                shifts.add(new TeamShift(team, shift));
            }
        }
        return shifts;
    }

    private static String write(List<TeamShift> shifts)
    {
        Calendar calendar = new Calendar().withProdId(PRODUCT).withDefaults().getFluentTarget();
        for (TeamShift teamShift : shifts) {
            Shift shift = teamShift.shift();
            VEvent event = new VEvent(shift.start(), shift.end(),
                    "%s %s on call: %s".formatted(teamShift.team(), shift.role().wireName(), shift.user()));
            event.add(new Uid("%s-%s-%s-%d@iris".formatted(teamShift.team(), shift.role().wireName(), shift.user(), shift.start().getEpochSecond())));
            calendar.add(event);
        }
        return calendar.toString();
    }
}
