package dev.iris.sender.escalation;

import dev.iris.core.maintenance.MaintenanceService;
import dev.iris.core.render.ContextValues;
import dev.iris.core.render.TemplateRenderException;
import dev.iris.core.render.TemplateRenderer;
import dev.iris.db.DatabaseFailures;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.core.team.TeamChannels;
import dev.iris.sender.escalation.EscalationDao.IncidentRow;
import dev.iris.sender.escalation.EscalationDao.RoundState;
import dev.iris.sender.escalation.EscalationDao.UserTarget;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Walks escalation plans. Each active incident has one {@code escalation_work} row due when its
 * next round or step is; a pass claims due rows with {@code FOR UPDATE SKIP LOCKED}, so any number
 * of senders share the work and none waits for another.
 *
 * <p>For a claimed incident the pass fires every round that is due (a notification with
 * {@code repeat = R} fires rounds 0..R, {@code wait} seconds apart, and the rounds of earlier
 * steps keep going as in Iris), moves to the next step once any notification of the current step
 * has fired its last round and waited, deactivates the incident when the last step is done, and
 * reschedules the work row for the next due time. Rounds are rows in {@code escalation_round},
 * written with their messages in the same transaction, so a round fires exactly once whatever
 * crashes or races happen; the message unique key backs that up.
 *
 * <p>Sender transactions run at READ COMMITTED: at REPEATABLE READ the dispatcher's locking range
 * scans take gap locks that block the inserts of new messages, and vice versa. Everything the
 * sender decides on is protected by row locks (work row, incident), not by snapshot isolation.
 *
 * <p>Maintenance windows are read, not locked: under the incident's lock a pass asks which windows
 * are in effect and silences the incidents they cover instead of paging them. A window committed
 * just after that read can let one more round through; its start, applied once by whichever
 * sender claims it ({@code FOR UPDATE SKIP LOCKED} on the window row, at the start of a pass),
 * takes the incident locks in id order and stops what is still paging, as a claim does. So the
 * rule stays: what a pass decides for an incident is decided under that incident's lock.
 */
public final class EscalationService
{
    private static final Logger log = LoggerFactory.getLogger(EscalationService.class);
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(5);
    private static final Duration WINDOW_CHECK_INTERVAL = Duration.ofSeconds(1);
    static final String CREATOR_FALLBACK_PREFIX = "You are receiving this as you created this plan and we can't resolve %s of %s at this time: %s.\n\n";

    private final Jdbi jdbi;
    private final Clock clock;
    private final PlanCache plans;
    private final RoleResolver roles;
    private final TemplateRenderer renderer;
    private final EscalationListener listener;
    private final MaintenanceService maintenance;
    private final Countdown countdown;
    // Escalation threads may both check in the same second; applying a transition is idempotent.
    private volatile Instant nextWindowCheck = Instant.MIN;

    public EscalationService(Jdbi jdbi, Clock clock, PlanCache plans, RoleResolver roles, TemplateRenderer renderer, EscalationListener listener)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.plans = requireNonNull(plans, "plans is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.maintenance = new MaintenanceService(jdbi, clock);
        this.countdown = new Countdown(roles);
    }

    /**
     * Something the engine reports: new messages (so the dispatcher can look sooner).
     */
    public interface EscalationListener
    {
        EscalationListener NONE = messages -> {};

        void messagesCreated(int count);
    }

    /**
     * Processes up to {@code limit} due incidents in one transaction, writing their rows in
     * batches. Should anything fail, the pass is rolled back and its incidents are escalated one
     * at a time, so one broken incident (it is retried {@code RETRY_AFTER_ERROR} later) does not
     * hold up the others.
     *
     * @return how many work rows were claimed
     */
    public int processDue(int limit)
    {
        Instant now = clock.instant();
        // Window starts and ends first, in their own transaction, so this pass sees their effect;
        // at most once a second, as windows are set to the minute.
        if (!now.isBefore(nextWindowCheck)) {
            nextWindowCheck = now.plus(WINDOW_CHECK_INTERVAL);
            maintenance.applyTransitions(now);
        }
        int[] created = new int[1];
        int claimed;
        try {
            claimed = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                Pass pass = new Pass(handle, now);
                List<Long> due = pass.dao.claimDueWork(now, limit);
                if (!due.isEmpty()) {
                    created[0] = pass.escalate(due);
                    pass.writes.flush(handle);
                }
                return due.size();
            });
        }
        catch (RuntimeException e) {
            if (DatabaseFailures.isRolledBack(e)) {
                // A deadlock with another sender: the engine runs the whole pass again.
                throw e;
            }
            log.warn("Escalating a batch of incidents failed; escalating them one at a time", e);
            created[0] = 0;
            claimed = processOneByOne(limit, now, created);
        }
        if (created[0] > 0) {
            listener.messagesCreated(created[0]);
        }
        return claimed;
    }

    private int processOneByOne(int limit, Instant now, int[] created)
    {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            Pass pass = new Pass(handle, now);
            List<Long> due = pass.dao.claimDueWork(now, limit);
            for (long incidentId : due) {
                handle.savepoint("incident");
                try {
                    int messages = pass.escalate(List.of(incidentId));
                    pass.writes.flush(handle);
                    handle.releaseSavepoint("incident");
                    created[0] += messages;
                }
                catch (RuntimeException e) {
                    if (DatabaseFailures.isRolledBack(e)) {
                        // The database rolled the whole transaction back, savepoint included.
                        throw e;
                    }
                    log.error("Escalating incident {} failed; trying again in {} s", incidentId, RETRY_AFTER_ERROR.toSeconds(), e);
                    handle.rollbackToSavepoint("incident");
                    pass.writes.clear();
                    pass.dao.reschedule(incidentId, now.plus(RETRY_AFTER_ERROR));
                }
            }
            return due.size();
        });
    }

    /**
     * When the earliest work row is due, if any.
     */
    public Optional<Instant> nextDue()
    {
        return jdbi.withHandle(handle -> handle.attach(NextDueDao.class).nextDue());
    }

    /**
     * One pass: its transaction, the rows it will write, and the people it has looked up (a storm
     * of incidents for one plan looks each team up once).
     */
    private final class Pass
    {
        private final Handle handle;
        private final EscalationDao dao;
        private final EscalationWrites writes;
        private final Instant now;
        private final Map<List<String>, List<UserTarget>> activeUsers = new HashMap<>();

        Pass(Handle handle, Instant now)
        {
            this.handle = handle;
            this.dao = handle.attach(EscalationDao.class);
            this.writes = new EscalationWrites(now);
            this.now = now;
        }

        /**
         * Escalates claimed incidents, reading their state in two queries.
         *
         * @return how many messages were created
         */
        int escalate(List<Long> incidentIds)
        {
            Map<Long, IncidentRow> incidents = new HashMap<>();
            dao.lockIncidents(incidentIds).forEach(incident -> incidents.put(incident.id(), incident));
            Map<Long, Map<Long, RoundState>> rounds = new HashMap<>();
            if (!incidents.isEmpty()) {
                dao.rounds(incidents.keySet()).forEach(round ->
                        rounds.computeIfAbsent(round.incidentId(), id -> new HashMap<>()).put(round.planNotificationId(), round.state()));
            }
            List<Long> active = incidents.values().stream().filter(IncidentRow::active).map(IncidentRow::id).sorted().toList();
            Map<Long, Long> silenced = MaintenanceService.silencedAmong(handle, active, now);
            int created = 0;
            for (long incidentId : incidentIds) {
                IncidentRow incident = incidents.get(incidentId);
                if (incident == null) {
                    // A claim holds the incident; it deletes this work row when it commits, or we retry.
                    continue;
                }
                Long window = silenced.get(incidentId);
                if (window != null) {
                    // A maintenance window covers it: recorded, visible as silenced, and nobody is paged.
                    MaintenanceService.silence(handle, incidentId, window, now, "Maintenance window " + window + " is in effect: nobody is paged");
                    continue;
                }
                created += escalate(incident, rounds.getOrDefault(incidentId, new HashMap<>()));
            }
            return created;
        }

        List<UserTarget> activeUsers(List<String> usernames)
        {
            return activeUsers.computeIfAbsent(usernames, names -> dao.activeUsers(names));
        }

        private int escalate(IncidentRow incident, Map<Long, RoundState> rounds)
        {
            long incidentId = incident.id();
            if (!incident.active()) {
                writes.deleteWork(incidentId);
                return 0;
            }
            Plan plan = plans.get(handle, incident.planId());
            int lastStep = Math.max(plan.stepCount(), plan.notifications().stream().mapToInt(PlanNotification::step).max().orElse(0));
            Escalation escalation = new Escalation(this, incident, plan, rounds);

            int step = incident.currentStep();
            if (step == 0) {
                step = 1;
                if (plan.step(1).isEmpty()) {
                    return escalation.finish(step, "exhausted", "the plan has no notifications for step 1");
                }
                escalation.startStep(step);
                escalation.sendTracking();
            }
            while (true) {
                for (PlanNotification notification : plan.throughStep(step)) {
                    RoundState last = rounds.get(notification.id());
                    if (last == null) {
                        escalation.fire(notification, 0);
                    }
                    else if (last.lastRound() < notification.repeat() && !now.isBefore(dueAfter(last, notification))) {
                        escalation.fire(notification, last.lastRound() + 1);
                    }
                }
                if (!escalation.stepDone(step)) {
                    break;
                }
                if (step >= lastStep) {
                    return escalation.finish(step, "exhausted", "escalation reached the end of the plan");
                }
                step++;
                if (plan.step(step).isEmpty()) {
                    return escalation.finish(step, "exhausted", "the plan has no notifications for step " + step);
                }
                escalation.startStep(step);
            }
            if (step != incident.currentStep()) {
                writes.step(incidentId, step);
            }
            Optional<Instant> next = escalation.nextDue(step);
            if (next.isPresent()) {
                writes.reschedule(incidentId, next.get());
            }
            else {
                writes.deleteWork(incidentId);
            }
            return escalation.messagesCreated;
        }
    }

    static Instant dueAfter(RoundState round, PlanNotification notification)
    {
        return round.lastCreated().plusSeconds(notification.waitSeconds());
    }

    /**
     * The state of one incident during one pass.
     */
    private final class Escalation
    {
        private final Pass pass;
        private final EscalationDao dao;
        private final EscalationWrites writes;
        private final IncidentRow incident;
        private final Plan plan;
        private final Map<Long, RoundState> rounds;
        private final Instant now;
        private int messagesCreated;

        Escalation(Pass pass, IncidentRow incident, Plan plan, Map<Long, RoundState> rounds)
        {
            this.pass = pass;
            this.dao = pass.dao;
            this.writes = pass.writes;
            this.incident = incident;
            this.plan = plan;
            this.rounds = rounds;
            this.now = pass.now;
        }

        void startStep(int step)
        {
            writes.event(incident.id(), "escalated", "step " + step);
            for (PlanNotification notification : plan.step(step)) {
                if (!rounds.containsKey(notification.id())) {
                    fire(notification, 0);
                }
            }
        }

        /**
         * Iris moves on as soon as any one notification of the step has sent its last round and
         * waited; it does not wait for the others.
         */
        boolean stepDone(int step)
        {
            for (PlanNotification notification : plan.step(step)) {
                RoundState last = rounds.get(notification.id());
                if (last != null && last.lastRound() >= notification.repeat() && !now.isBefore(dueAfter(last, notification))) {
                    return true;
                }
            }
            return false;
        }

        Optional<Instant> nextDue(int step)
        {
            Instant next = null;
            for (PlanNotification notification : plan.throughStep(step)) {
                RoundState last = rounds.get(notification.id());
                if (last == null) {
                    continue;
                }
                boolean repeats = last.lastRound() < notification.repeat();
                if (repeats || notification.step() == step) {
                    Instant due = dueAfter(last, notification);
                    if (next == null || due.isBefore(next)) {
                        next = due;
                    }
                }
            }
            return Optional.ofNullable(next);
        }

        int finish(int step, String kind, String description)
        {
            writes.deactivate(incident.id(), step);
            writes.event(incident.id(), kind, description);
            writes.deleteWork(incident.id());
            return messagesCreated;
        }

        void fire(PlanNotification notification, int round)
        {
            if (notification.countdown()) {
                int recipients = postCountdown(notification, round);
                writes.round(incident.id(), notification.id(), round, recipients);
                rounds.put(notification.id(), new RoundState(notification.id(), round, now));
                messagesCreated += recipients;
                return;
            }
            String role = notification.roleName();
            String target = notification.targetName();
            RoleResolver.Resolution resolution;
            if (notification.isDynamic()) {
                Optional<EscalationDao.DynamicTarget> dynamic = notification.dynamicIndex() == null
                        ? Optional.empty()
                        : dao.dynamicTarget(incident.id(), notification.dynamicIndex());
                if (dynamic.isPresent()) {
                    role = dynamic.get().roleName();
                    target = dynamic.get().targetName();
                    resolution = roles.resolve(role, target);
                }
                else {
                    role = "dynamic target " + notification.dynamicIndex();
                    target = "incident " + incident.id();
                    resolution = new RoleResolver.Resolution(List.of(), "the incident has no target for dynamic index " + notification.dynamicIndex());
                }
            }
            else {
                resolution = roles.resolve(role, target);
            }
            List<UserTarget> users = resolution.usernames().isEmpty() ? List.of() : pass.activeUsers(resolution.usernames());
            int recipients = 0;
            if (!users.isEmpty()) {
                for (UserTarget user : users) {
                    writes.message(incident.applicationId(), user.id(), plan.id(), notification.priorityId(), incident.id(),
                            notification.id(), round);
                    recipients++;
                }
            }
            else if (!notification.optional()) {
                String reason = resolution.reason() == null ? "no active user fills " + role + " of " + target : resolution.reason();
                recipients += pageCreator(notification, round, role, target, reason);
            }
            writes.round(incident.id(), notification.id(), round, recipients);
            rounds.put(notification.id(), new RoundState(notification.id(), round, now));
            messagesCreated += recipients;
        }

        /**
         * A countdown notification: one message to the team's chat channel, written at once (not
         * batched) because it carries its own body, mode and destination. A team without a channel
         * is treated like a role that resolves to nobody.
         */
        private int postCountdown(PlanNotification notification, int round)
        {
            String team = notification.targetName();
            Optional<EscalationDao.TeamChannel> channel = TeamChannels.preferred(dao.teamChannels(team, TeamChannels.MODES), EscalationDao.TeamChannel::mode);
            if (channel.isEmpty()) {
                if (notification.optional()) {
                    return 0;
                }
                return pageCreator(notification, round, "team channel", team,
                        "the team has no chat channel (a " + String.join(" or ", TeamChannels.MODES) + " contact of the team)");
            }
            int step = notification.step();
            if (round > 0 && !Countdown.stepEnds(plan, step, rounds, now).isAfter(now)) {
                // A repeat after the countdown ran out: the next step is paging already.
                return 0;
            }
            String text = countdown.text(incident.id(), plan, step, rounds, now, index -> dao.dynamicTarget(incident.id(), index));
            dao.insertChannelMessage(now, incident.applicationId(), channel.get().teamId(), channel.get().destination(), channel.get().modeId(),
                    plan.id(), notification.priorityId(), text, incident.id(), notification.id(), round);
            return 1;
        }

        private int pageCreator(PlanNotification notification, int round, String role, String target, String reason)
        {
            int priority = dao.priorityId("low").orElse(notification.priorityId());
            String prefix = CREATOR_FALLBACK_PREFIX.formatted(role, target, reason);
            long messageId = dao.insertMessage(now, incident.applicationId(), plan.creatorId(), plan.id(), priority, prefix,
                    incident.id(), notification.id(), round);
            String creator = dao.targetName(plan.creatorId()).orElse("");
            dao.audit(now, messageId, "target-change", role + " of " + target, creator,
                    "Changing target to the plan creator because " + role + " of " + target + " resolved to nobody: " + reason);
            writes.event(incident.id(), "creator-fallback", "paged the plan creator " + creator + ": " + reason);
            return 1;
        }

        /**
         * Iris's tracking notification: one message to the plan's tracking address when the
         * incident starts, rendered from the plan's tracking template for the incident's app.
         */
        void sendTracking()
        {
            if (!plan.tracks()) {
                return;
            }
            Map<String, Object> templates = ContextValues.parse(plan.trackingTemplate());
            String application = dao.applicationName(incident.applicationId());
            if (!(templates.get(application) instanceof Map<?, ?> forApplication) || plan.trackingType().equals("call")) {
                return;
            }
            Map<String, Object> context = ContextValues.parse(incident.context());
            Map<String, Object> iris = new LinkedHashMap<>();
            iris.put("incident_id", incident.id());
            iris.put("plan", plan.name());
            iris.put("plan_id", plan.id());
            iris.put("application", application);
            iris.put("incident_created", incident.created().getEpochSecond());
            context.put("iris", iris);
            String subject = "";
            String body;
            try {
                if (plan.trackingType().equals("email")) {
                    subject = renderer.render(stringOf(forApplication.get("email_subject")), context);
                    body = renderer.render(stringOf(forApplication.get("email_text")), context);
                }
                else {
                    body = renderer.render(stringOf(forApplication.get("body")), context);
                }
            }
            catch (TemplateRenderException e) {
                subject = "Iris failed to render your tracking message";
                body = "Template error: " + e.getMessage() + "\nContext: " + ContextValues.toJson(context);
            }
            dao.insertTrackingMessage(now, incident.applicationId(), plan.trackingType(), plan.trackingKey(), plan.id(),
                    truncate(subject, 255), body);
            messagesCreated++;
        }
    }

    private static String stringOf(Object value)
    {
        return value == null ? "" : String.valueOf(value);
    }

    static String truncate(String value, int length)
    {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
