package dev.iris.sender.escalation;

import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.sender.escalation.EscalationDao.DynamicTarget;
import dev.iris.sender.escalation.EscalationDao.RoundState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * The line a countdown notification posts in its team's chat channel: whom the plan's next step
 * pages and when ("unless someone claims here, step 2 pages alice (oncall-primary of db) at 14:05
 * UTC, in 5 min"). The claim button of that post claims as whoever pressed it, and a claim stops
 * the escalation, so a claim before that time means the next step never fires.
 *
 * <p>The time is the one the escalation engine will use: a step ends when the first of its
 * notifications has fired its last round and waited (Iris's rule, {@code stepDone}), so the next
 * step starts at the earliest such end. Notifications of the step that have not fired yet in this
 * pass count from now. The people are resolved now; an on-call change before then can change who
 * is paged, which the post cannot know.
 */
final class Countdown
{
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final RoleResolver roles;

    Countdown(RoleResolver roles)
    {
        this.roles = requireNonNull(roles, "roles is null");
    }

    /**
     * When step {@code step} ends and the next begins.
     */
    static Instant stepEnds(Plan plan, int step, Map<Long, RoundState> rounds, Instant now)
    {
        Instant earliest = null;
        for (PlanNotification notification : plan.step(step)) {
            RoundState last = rounds.get(notification.id());
            Instant ends = last == null
                    ? now.plusSeconds((long) (notification.repeat() + 1) * notification.waitSeconds())
                    : last.lastCreated().plusSeconds((long) (notification.repeat() - last.lastRound() + 1) * notification.waitSeconds());
            if (earliest == null || ends.isBefore(earliest)) {
                earliest = ends;
            }
        }
        return earliest == null ? now : earliest;
    }

    /**
     * The countdown line for a notification of step {@code step}, followed by a blank line (the
     * rendered template comes after it, as after the plan-creator explanation).
     *
     * @param dynamic the incident's dynamic target for an index, if any
     */
    String text(long incidentId, Plan plan, int step, Map<Long, RoundState> rounds, Instant now, IntFunction<Optional<DynamicTarget>> dynamic)
    {
        Instant next = stepEnds(plan, step, rounds, now);
        String when = "at " + CLOCK.format(next) + " UTC, " + relative(Duration.between(now, next));
        List<PlanNotification> following = plan.step(step + 1).stream().filter(notification -> !notification.countdown()).toList();
        if (following.isEmpty()) {
            return "Countdown for incident " + incidentId + ": this is the last step of plan " + plan.name() + "; it ends " + when
                    + " and nobody else is paged. Claim here to take it.\n\n";
        }
        List<String> pages = new ArrayList<>();
        for (PlanNotification notification : following) {
            pages.add(describe(notification, dynamic));
        }
        return "Countdown for incident " + incidentId + ": unless someone claims it here, step " + (step + 1) + " pages "
                + String.join("; ", pages) + " " + when + ".\n\n";
    }

    private String describe(PlanNotification notification, IntFunction<Optional<DynamicTarget>> dynamic)
    {
        String role = notification.roleName();
        String target = notification.targetName();
        if (notification.isDynamic()) {
            Optional<DynamicTarget> found = notification.dynamicIndex() == null ? Optional.empty() : dynamic.apply(notification.dynamicIndex());
            if (found.isEmpty()) {
                return "dynamic target " + notification.dynamicIndex() + " (not set for this incident)";
            }
            role = found.get().roleName();
            target = found.get().targetName();
        }
        RoleResolver.Resolution resolution = roles.resolve(role, target);
        String who = resolution.usernames().isEmpty() ? "nobody yet" : String.join(", ", resolution.usernames());
        return who + " (" + role + " of " + target + ")";
    }

    static String relative(Duration duration)
    {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return "in " + seconds + " s";
        }
        long minutes = (seconds + 30) / 60;
        if (minutes < 60) {
            return "in " + minutes + " min";
        }
        return "in " + minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
