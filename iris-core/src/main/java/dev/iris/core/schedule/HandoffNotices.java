package dev.iris.core.schedule;

import dev.iris.spi.task.PeriodicTask;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Creates handoff notices as ordinary queued messages, which the sender delivers by each
 * person's mode for the notice priority: "you are on call in N minutes" a team's lead time before
 * a shift starts, and "your shift ended" when it ends.
 *
 * <p>Exactly once: each notice is a {@code schedule_notice} row keyed by (team, role, person,
 * handoff instant, kind), inserted with INSERT IGNORE in the same transaction as its message.
 * Any number of senders may run this at once or again after a restart; only the transaction that
 * inserted the key writes the message. A notice whose moment passed while no sender ran is not
 * sent late, except "shift ended" within {@link #ENDED_GRACE}.
 */
public final class HandoffNotices
        implements PeriodicTask
{
    public static final String UPCOMING = "upcoming";
    public static final String ENDED = "ended";
    static final Duration ENDED_GRACE = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(HandoffNotices.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z");

    private final Jdbi jdbi;
    private final Clock clock;
    private final String application;
    private final String priority;
    private final Duration interval;

    /**
     * @param application the application notices are sent as (the sender's own)
     * @param priority the priority whose mode each person chose decides how notices reach them
     */
    public HandoffNotices(Jdbi jdbi, Clock clock, String application, String priority, Duration interval)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.application = requireNonNull(application, "application is null");
        this.priority = requireNonNull(priority, "priority is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    @Override
    public Duration interval()
    {
        return interval;
    }

    @Override
    public void run()
    {
        createDue();
    }

    /**
     * Creates the notices due at the clock's instant; returns how many this call created.
     */
    public int createDue()
    {
        Instant now = clock.instant();
        int created = 0;
        for (String team : jdbi.withHandle(handle -> handle.attach(ScheduleDao.class).scheduledTeams(now.minus(ENDED_GRACE)))) {
            Optional<TeamSchedule> schedule = jdbi.withHandle(handle -> ScheduleLoader.load(handle, team));
            if (schedule.isEmpty()) {
                continue;
            }
            OnCall onCall = new OnCall(schedule.get());
            Duration lead = schedule.get().noticeLead();
            Instant from = now.minus(ENDED_GRACE);
            Instant to = now.plus(lead).plusSeconds(60);
            for (ScheduleRole role : onCall.roles()) {
                ZoneId zone = zoneOf(schedule.get(), role);
                for (Shift shift : onCall.shifts(role, from, to)) {
                    if (shift.startsInWindow() && shift.start().isAfter(now) && !shift.start().minus(lead).isAfter(now)) {
                        long minutes = Math.max(1, Duration.between(now, shift.start()).plusSeconds(59).toMinutes());
                        created += create(team, shift, UPCOMING, shift.start(),
                                "You are on call for %s (%s) in %d minutes".formatted(team, role.wireName(), minutes),
                                "Your %s shift for team %s starts %s.".formatted(role.wireName(), team, TIME.format(shift.start().atZone(zone))));
                    }
                    if (shift.endsInWindow() && !shift.end().isAfter(now)) {
                        created += create(team, shift, ENDED, shift.end(),
                                "Your on-call shift for %s (%s) ended".formatted(team, role.wireName()),
                                "Your %s shift for team %s ended %s.".formatted(role.wireName(), team, TIME.format(shift.end().atZone(zone))));
                    }
                }
            }
        }
        return created;
    }

    private int create(String team, Shift shift, String kind, Instant handoff, String subject, String body)
    {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            Optional<Long> teamId = dao.teamId(team);
            Optional<Long> userId = dao.userId(shift.user());
            if (teamId.isEmpty() || userId.isEmpty()) {
                return 0;
            }
            if (dao.insertNotice(teamId.get(), shift.role().wireName(), userId.get(), handoff, kind, now) == 0) {
                return 0;
            }
            Optional<Long> message = dao.insertNoticeMessage(now, application, userId.get(), priority, "[" + application + "] " + subject, body);
            if (message.isEmpty()) {
                log.error("Cannot queue a handoff notice: application {} or priority {} does not exist", application, priority);
                return 0;
            }
            dao.noticeMessage(teamId.get(), shift.role().wireName(), userId.get(), handoff, kind, message.get());
            return 1;
        });
    }

    private static ZoneId zoneOf(TeamSchedule schedule, ScheduleRole role)
    {
        return schedule.rotations().stream()
                .filter(rotation -> rotation.role() == role && rotation.endedAt() == null)
                .map(Rotation::zone)
                .findFirst()
                .orElse(ZoneOffset.UTC);
    }
}
