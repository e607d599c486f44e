package dev.iris.api.simulate;

import dev.iris.api.simulate.SimulationDao.ActivePlan;
import dev.iris.api.simulate.SimulationDao.PlanStep;
import dev.iris.common.http.IrisException;
import dev.iris.core.schedule.OnCall;
import dev.iris.core.schedule.ScheduleLoader;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.common.incident.IncidentState;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.core.target.RoleMembers;
import dev.iris.core.target.RoleMembers.Member;
import dev.iris.core.team.TeamChannelDao;
import dev.iris.core.team.TeamChannels;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Works out who an unclaimed incident on a plan would page, by which mode and when, from the
 * database as it is now, without writing anything.
 *
 * <p>Timing follows Iris's escalation with exact due times: every notification of a step sends
 * {@code repeat + 1} rounds {@code wait} seconds apart from the moment the step starts; the next
 * step starts {@code wait} after the last round of the step's first exhausted notification, and
 * earlier steps keep repeating until their own rounds are used up. Iris's own roles (user, team
 * members, team manager, mailing-list members) expand through {@link RoleMembers}, the code the
 * sender's database role lookup uses; the API has no role-lookup chain, so other roles (oncall-*,
 * LDAP) are named in a note. Modes follow Iris's order: the user's setting for the
 * application, the application's default, the user's global setting, the priority's default; a
 * mode the application may not use, or a missing contact, falls back to email. A countdown
 * notification is one post in the team's chat channel, shown with the time of the next step.
 */
public final class PlanSimulator
{
    private static final String FALLBACK_MODE = "email";
    private static final String DROP_MODE = "drop";

    private final Jdbi jdbi;
    private final RoleResolver roles;

    @Inject
    public PlanSimulator(Jdbi jdbi, RoleResolver roles)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    /**
     * A role and target standing in for a dynamic plan's {@code dynamic_index}.
     */
    public record DynamicTarget(String role, String target) {}

    public Simulation simulate(String planName, String applicationName, Instant start, List<DynamicTarget> dynamicTargets)
    {
        return jdbi.withHandle(handle -> simulate(handle, planName, applicationName, start, dynamicTargets));
    }

    /**
     * The simulation on a given handle, so a draft written in an uncommitted transaction can be
     * simulated before it is published.
     */
    public Simulation simulate(Handle handle, String planName, String applicationName, Instant start, List<DynamicTarget> dynamicTargets)
    {
        SimulationDao dao = handle.attach(SimulationDao.class);
        ActivePlan plan = dao.activePlan(planName)
                .orElseThrow(() -> IrisException.notFound("Plan not found", "No active plan named " + planName));
        long applicationId = dao.applicationId(applicationName)
                .orElseThrow(() -> IrisException.badRequest("Application not found", "No application named " + applicationName));
        List<String> supportedModes = dao.applicationModes(applicationId);
        List<String> notes = new ArrayList<>();
        List<SimulatedPage> pages = new ArrayList<>();

        Map<Integer, List<PlanStep>> steps = new TreeMap<>();
        for (PlanStep step : dao.steps(plan.id())) {
            steps.computeIfAbsent(step.step(), ignored -> new ArrayList<>()).add(step);
        }
        long stepStart = 0;
        int expectedStep = 1;
        for (Map.Entry<Integer, List<PlanStep>> entry : steps.entrySet()) {
            if (entry.getKey() != expectedStep) {
                notes.add("Step " + expectedStep + " has no notifications: the incident stops escalating there");
                break;
            }
            long nextStepStart = Long.MAX_VALUE;
            for (PlanStep notification : entry.getValue()) {
                nextStepStart = Math.min(nextStepStart, stepStart + (long) (notification.repeat() + 1) * notification.waitSeconds());
            }
            for (PlanStep notification : entry.getValue()) {
                if (notification.countdown()) {
                    pages.addAll(countdown(handle, dao, plan, start, stepStart, nextStepStart, notification, steps.containsKey(entry.getKey() + 1), notes));
                    continue;
                }
                Instant stepAt = start.plusSeconds(stepStart);
                Recipients recipients = recipients(handle, dao, plan, notification, dynamicTargets, notes, stepAt);
                for (int round = 0; round <= notification.repeat(); round++) {
                    long offset = stepStart + (long) round * notification.waitSeconds();
                    for (Member person : recipients.people()) {
                        pages.add(page(dao, start, offset, notification, round, recipients, person, applicationId, supportedModes));
                    }
                }
            }
            stepStart = nextStepStart;
            expectedStep++;
        }
        if (steps.isEmpty()) {
            notes.add("The plan has no notifications: nobody would be paged");
        }
        else if (expectedStep > steps.size()) {
            notes.add("After step " + steps.size() + " the plan ends at +" + stepStart + "s: nobody is paged any more and the incident becomes "
                    + IncidentState.UNACKNOWLEDGED.label() + "; it stays on the incident list until somebody claims or resolves it");
        }
        pages.sort(Comparator.comparingLong(SimulatedPage::offsetSeconds)
                .thenComparingInt(SimulatedPage::step)
                .thenComparingLong(SimulatedPage::planNotificationId)
                .thenComparing(page -> page.user() == null ? "" : page.user()));
        return new Simulation(plan.name(), plan.id(), applicationName, start.getEpochSecond(), pages, notes);
    }

    /**
     * A countdown notification's posts in the team's chat channel (one per round while the step
     * lasts), or the plan creator's page when the team has no channel.
     */
    private List<SimulatedPage> countdown(Handle handle, SimulationDao dao, ActivePlan plan, Instant start, long stepStart, long stepEnd,
            PlanStep notification, boolean hasNextStep, List<String> notes)
    {
        Optional<TeamChannelDao.Channel> channel = notification.targetId() == null ? Optional.empty()
                : TeamChannels.preferred(handle.attach(TeamChannelDao.class).channels(notification.targetId(), TeamChannels.MODES),
                        TeamChannelDao.Channel::mode);
        List<SimulatedPage> posts = new ArrayList<>();
        if (channel.isEmpty()) {
            if (notification.optional()) {
                notes.add("Step " + notification.step() + ": " + notification.target() + " has no chat channel; the optional countdown is skipped");
                return posts;
            }
            notes.add("Step " + notification.step() + ": " + notification.target() + " has no chat channel (set one at /v0/teams/"
                    + notification.target() + "/channels); the plan creator is paged instead of the countdown");
            posts.add(new SimulatedPage(start.getEpochSecond() + stepStart, stepStart, notification.step(), 0, notification.id(),
                    notification.role(), notification.target(), plan.creator(), "low", FALLBACK_MODE, "fallback", "",
                    notification.template(), "countdown: the team has no chat channel: the plan creator is paged instead"));
            return posts;
        }
        String next = hasNextStep
                ? "countdown: step " + (notification.step() + 1) + " pages at +" + stepEnd + "s unless someone claims in the channel first"
                : "countdown: last step; the plan ends at +" + stepEnd + "s";
        for (int round = 0; round <= notification.repeat(); round++) {
            long offset = stepStart + (long) round * notification.waitSeconds();
            if (round > 0 && offset >= stepEnd) {
                break;
            }
            posts.add(new SimulatedPage(start.getEpochSecond() + offset, offset, notification.step(), round, notification.id(),
                    notification.role(), notification.target(), null, notification.priority(), channel.get().mode(), "team channel",
                    channel.get().destination(), notification.template(), next));
        }
        return posts;
    }

    private record Recipients(String role, String target, String priority, int priorityId, List<Member> people, String note) {}

    private Recipients recipients(Handle handle, SimulationDao dao, ActivePlan plan, PlanStep notification, List<DynamicTarget> dynamicTargets,
            List<String> notes, Instant at)
    {
        String role = notification.role();
        String target = notification.target();
        if (notification.dynamicIndex() != null) {
            int index = notification.dynamicIndex();
            if (index >= dynamicTargets.size()) {
                notes.add("Step " + notification.step() + ": dynamic target #" + index + " is chosen when the incident is created; pass dynamic_targets to see it");
                return new Recipients("dynamic #" + index, "", notification.priority(), notification.priorityId(), List.of(), "");
            }
            role = dynamicTargets.get(index).role();
            target = dynamicTargets.get(index).target();
        }
        List<Member> expanded = expand(handle, dao, role, target, at, notification.step(), notes);
        if (!expanded.isEmpty()) {
            return new Recipients(role, target, notification.priority(), notification.priorityId(), expanded, "");
        }
        boolean gap = ScheduleRole.fromPlanRole(role).isPresent() && scheduleAnswer(handle, role, target, at).isPresent();
        if (gap) {
            notes.add("Step " + notification.step() + ": schedule gap: nobody is " + role + " of " + target + " at " + at);
        }
        if (notification.optional()) {
            notes.add("Step " + notification.step() + ": nobody is " + role + " of " + target + "; the notification is optional and skipped");
            return new Recipients(role, target, notification.priority(), notification.priorityId(), List.of(), "");
        }
        // Iris pages the plan's creator, at low priority, when a required notification reaches nobody.
        int low = dao.lowPriority().orElse(notification.priorityId());
        return new Recipients(role, target, "low", low, List.of(new Member(plan.creatorId(), plan.creator())),
                "nobody is " + role + " of " + target + ": the plan creator is paged instead");
    }

    /**
     * The active users a role and target reach now, through the role-lookup chain the sender pages
     * through (the database's roles, LDAP, Oncall, schedules...); why nobody, in the notes.
     */
    private List<Member> expand(Handle handle, SimulationDao dao, String role, String target, Instant at, int step, List<String> notes)
    {
        if (role == null || target == null) {
            return List.of();
        }
        // Built-in schedules answer for the simulated instant; the resolver (the rest of the chain)
        // answers for now, which is what the lookups it asks can tell.
        Optional<List<Member>> scheduled = scheduleAnswer(handle, role, target, at);
        if (scheduled.isPresent()) {
            return scheduled.get();
        }
        RoleResolver.Resolution resolution = roles.resolve(role, target);
        if (resolution.usernames().isEmpty()) {
            if (resolution.reason() != null) {
                notes.add("Step " + step + ": " + role + " of " + target + ": " + resolution.reason());
            }
            return List.of();
        }
        Map<String, Member> active = new HashMap<>();
        dao.activeUsers(resolution.usernames()).forEach(member -> active.put(member.name(), member));
        return resolution.usernames().stream().distinct().map(active::get).filter(Objects::nonNull).toList();
    }

    /**
     * Who the team's schedule puts in the role at that instant, when the team schedules it.
     */
    private static Optional<List<Member>> scheduleAnswer(Handle handle, String role, String target, Instant at)
    {
        Optional<ScheduleRole> scheduleRole = ScheduleRole.fromPlanRole(role);
        if (scheduleRole.isEmpty()) {
            return Optional.empty();
        }
        return ScheduleLoader.load(handle, target)
                .flatMap(schedule -> new OnCall(schedule).at(scheduleRole.get(), at))
                .map(users -> users.stream()
                        .flatMap(user -> RoleMembers.members(handle, "user", user).stream())
                        .toList());
    }

    private static SimulatedPage page(SimulationDao dao, Instant start, long offset, PlanStep notification, int round, Recipients recipients,
            Member person, long applicationId, List<String> supportedModes)
    {
        String modeSource;
        Optional<String> mode = dao.userApplicationMode(person.id(), applicationId, recipients.priorityId());
        if (mode.isPresent()) {
            modeSource = "user setting for this application";
        }
        else if ((mode = dao.applicationDefaultMode(applicationId, recipients.priorityId())).isPresent()) {
            modeSource = "application default";
        }
        else if ((mode = dao.userMode(person.id(), recipients.priorityId())).isPresent()) {
            modeSource = "user setting";
        }
        else {
            mode = dao.priorityMode(recipients.priorityId());
            modeSource = "priority default";
        }
        String chosen = mode.orElse(FALLBACK_MODE);
        List<String> notes = new ArrayList<>();
        if (!recipients.note().isEmpty()) {
            notes.add(recipients.note());
        }
        if (!supportedModes.contains(chosen)) {
            notes.add("mode " + chosen + " is not enabled for the application: falls back to email");
            chosen = FALLBACK_MODE;
            modeSource = "fallback";
        }
        String destination = "";
        if (!DROP_MODE.equals(chosen)) {
            Optional<String> contact = dao.contact(person.id(), chosen);
            if (contact.isEmpty() && !FALLBACK_MODE.equals(chosen)) {
                notes.add("no usable " + chosen + " contact: falls back to email");
                chosen = FALLBACK_MODE;
                modeSource = "fallback";
                contact = dao.contact(person.id(), chosen);
            }
            if (contact.isEmpty()) {
                notes.add("no usable contact: the message would be dropped");
            }
            destination = contact.orElse("");
        }
        else {
            notes.add("drop mode: not sent");
        }
        return new SimulatedPage(start.getEpochSecond() + offset, offset, notification.step(), round, notification.id(),
                recipients.role(), recipients.target(), person.name(), recipients.priority(), chosen, modeSource, destination,
                notification.template(), String.join("; ", notes));
    }
}
