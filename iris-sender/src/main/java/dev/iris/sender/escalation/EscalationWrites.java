package dev.iris.sender.escalation;

import dev.iris.sender.ValuesById;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The rows an escalation pass writes, held until {@link #flush} sends them as one batch per
 * statement (inserts as multi-row inserts, updates as one statement per kind: by id list, or
 * with a CASE by id where each row gets its own value, {@link ValuesById}). A pass over a hundred
 * incidents then costs a handful of statements instead of several per incident; with 10,000 incidents escalating at once that is what keeps steps on
 * time. Everything is written in the pass's transaction, so a crash loses nothing that was
 * committed and repeats nothing that was not.
 *
 * <p>Not thread-safe: one per pass.
 */
final class EscalationWrites
{
    private record Event(long incidentId, String kind, String description) {}

    private record Message(int applicationId, long targetId, long planId, int priorityId, long incidentId, long planNotificationId,
            int round) {}

    private record Round(long incidentId, long planNotificationId, int round, int recipients) {}

    private record Step(long incidentId, int step) {}

    private record Due(long incidentId, Instant due) {}

    private final Instant now;
    private final List<Event> events = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Round> rounds = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> deactivations = new ArrayList<>();
    private final List<Due> reschedules = new ArrayList<>();
    private final List<Long> finishedWork = new ArrayList<>();

    EscalationWrites(Instant now)
    {
        this.now = requireNonNull(now, "now is null");
    }

    void event(long incidentId, String kind, String description)
    {
        events.add(new Event(incidentId, kind, description));
    }

    /**
     * A queued message to a user, with no body of its own (the template renders it).
     */
    void message(int applicationId, long targetId, long planId, int priorityId, long incidentId, long planNotificationId, int round)
    {
        messages.add(new Message(applicationId, targetId, planId, priorityId, incidentId, planNotificationId, round));
    }

    void round(long incidentId, long planNotificationId, int round, int recipients)
    {
        rounds.add(new Round(incidentId, planNotificationId, round, recipients));
    }

    void step(long incidentId, int step)
    {
        steps.add(new Step(incidentId, step));
    }

    void deactivate(long incidentId, int step)
    {
        deactivations.add(new Step(incidentId, step));
    }

    void reschedule(long incidentId, Instant due)
    {
        reschedules.add(new Due(incidentId, due));
    }

    void deleteWork(long incidentId)
    {
        finishedWork.add(incidentId);
    }

    /**
     * Writes everything held, in the handle's transaction, and forgets it.
     */
    void flush(Handle handle)
    {
        if (!messages.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO message (created, application_id, target_id, plan_id, priority_id, body, incident_id,
                                         plan_notification_id, `round`, active, `status`, next_attempt_at)
                    VALUES (:now, :application, :target, :plan, :priority, '', :incident, :notification, :round, 1, 'queued', :now)""");
            for (Message message : messages) {
                batch.bind("now", now).bind("application", message.applicationId()).bind("target", message.targetId())
                        .bind("plan", message.planId()).bind("priority", message.priorityId()).bind("incident", message.incidentId())
                        .bind("notification", message.planNotificationId()).bind("round", message.round()).add();
            }
            batch.execute();
        }
        if (!rounds.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO escalation_round (incident_id, plan_notification_id, `round`, created, recipients)
                    VALUES (:incident, :notification, :round, :now, :recipients)""");
            for (Round round : rounds) {
                batch.bind("incident", round.incidentId()).bind("notification", round.planNotificationId()).bind("round", round.round())
                        .bind("now", now).bind("recipients", round.recipients()).add();
            }
            batch.execute();
        }
        if (!events.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO incident_event (incident_id, created, kind, actor, description)
                    VALUES (:incident, :now, :kind, NULL, :description)""");
            for (Event event : events) {
                batch.bind("incident", event.incidentId()).bind("now", now).bind("kind", event.kind())
                        .bind("description", event.description()).add();
            }
            batch.execute();
        }
        updateSteps(handle, "UPDATE incident SET current_step = :step, updated = :now WHERE id IN (<ids>)", steps);
        updateSteps(handle, "UPDATE incident SET active = 0, current_step = :step, updated = :now WHERE id IN (<ids>)", deactivations);
        if (!reschedules.isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            for (Due due : reschedules) {
                rows.add(List.of(due.incidentId(), due.due()));
            }
            ValuesById values = ValuesById.of("v", "incident_id", List.of("due_at"), rows);
            handle.createUpdate("UPDATE escalation_work SET <assignments> WHERE incident_id IN (<ids>)")
                    .define("assignments", values.assignments(List.of("due_at"))).bindList("ids", values.ids()).bindMap(values.values()).execute();
        }
        if (!finishedWork.isEmpty()) {
            handle.createUpdate("DELETE FROM escalation_work WHERE incident_id IN (<ids>)").bindList("ids", finishedWork).execute();
        }
        clear();
    }

    /**
     * One statement per distinct step (a pass's incidents mostly move to the same step), not
     * one per incident.
     */
    private void updateSteps(Handle handle, String sql, List<Step> updates)
    {
        Map<Integer, List<Long>> byStep = new TreeMap<>();
        for (Step update : updates) {
            byStep.computeIfAbsent(update.step(), step -> new ArrayList<>()).add(update.incidentId());
        }
        byStep.forEach((step, ids) -> handle.createUpdate(sql).bind("step", step).bind("now", now).bindList("ids", ids).execute());
    }

    /**
     * Forgets what is held (after the transaction that was to carry it rolled back).
     */
    void clear()
    {
        events.clear();
        messages.clear();
        rounds.clear();
        steps.clear();
        deactivations.clear();
        reschedules.clear();
        finishedWork.clear();
    }
}
