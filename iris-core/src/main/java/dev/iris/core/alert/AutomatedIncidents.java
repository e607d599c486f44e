package dev.iris.core.alert;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Incident rows written on behalf of machines (webhook alerts, missed heartbeats), inside the
 * caller's transaction, following the cross-team incident contract: an incident is created with
 * its 'created' event and its escalation work item due now; an automatic resolve marks it resolved
 * <em>and</em> stops its escalation the way a claim does (queued messages cancelled, work item
 * deleted), because nobody will claim an alert that has already cleared.
 */
public final class AutomatedIncidents
{
    private AutomatedIncidents() {}

    /**
     * The active version of a plan, by name.
     */
    public static Optional<Long> activePlanId(Handle handle, String planName)
    {
        return handle.createQuery("SELECT plan_id FROM plan_active WHERE name = :name")
                .bind("name", planName)
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * Whether any step of the plan uses a template with content for the application (Iris refuses
     * incidents that could render no message).
     */
    public static boolean planHasTemplatesFor(Handle handle, long planId, long applicationId)
    {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM plan_notification pn
                        JOIN template_active ta ON ta.name = pn.template
                        JOIN template_content tc ON tc.template_id = ta.template_id
                        WHERE pn.plan_id = :plan AND tc.application_id = :application""")
                .bind("plan", planId)
                .bind("application", applicationId)
                .mapTo(Long.class)
                .one() > 0;
    }

    /**
     * Serializes ingestion for one application until the transaction ends, so two copies of one
     * alert arriving together cannot both open an incident.
     */
    public static void lockApplication(Handle handle, long applicationId)
    {
        handle.createQuery("SELECT id FROM application WHERE id = :id FOR UPDATE")
                .bind("id", applicationId)
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * The application's unresolved incident with this dedup key, if any (claimed ones included: a
     * repeat of an alert someone is already handling must not page again).
     */
    public static Optional<Long> openIncident(Handle handle, long applicationId, String dedupKey)
    {
        return handle.createQuery("""
                        SELECT id FROM incident
                        WHERE application_id = :application AND dedup_key = :key AND resolved = 0
                        ORDER BY id DESC LIMIT 1""")
                .bind("application", applicationId)
                .bind("key", dedupKey)
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * Inserts an escalating incident, its 'created' event and its escalation work item due now.
     */
    public static long open(Handle handle, long planId, long applicationId, String contextJson, String dedupKey, String actor, String description)
    {
        long id = handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active, resolved, dedup_key)
                        VALUES (:plan, NOW(3), NOW(3), :context, :application, 0, 1, 0, :key)""")
                .bind("plan", planId)
                .bind("context", contextJson)
                .bind("application", applicationId)
                .bind("key", dedupKey)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        event(handle, id, "created", actor, description);
        handle.createUpdate("INSERT INTO escalation_work (incident_id, due_at) VALUES (:id, NOW(3))")
                .bind("id", id)
                .execute();
        return id;
    }

    /**
     * Counts a repeat of the alert on its open incident: a timeline entry, no new pages.
     */
    public static void absorbRepeat(Handle handle, long incidentId, String actor, String description)
    {
        handle.createUpdate("UPDATE incident SET dedup_count = dedup_count + 1, updated = NOW(3) WHERE id = :id")
                .bind("id", incidentId)
                .execute();
        event(handle, incidentId, "deduplicated", actor, description);
    }

    /**
     * Resolves the incident and stops its escalation: nothing queued for it is sent afterwards.
     * Messages already being sent finish (the sender checks the incident before sending).
     */
    public static void resolveAndStop(Handle handle, long incidentId, String actor, String description)
    {
        handle.createUpdate("UPDATE incident SET resolved = 1, active = 0, updated = NOW(3) WHERE id = :id")
                .bind("id", incidentId)
                .execute();
        handle.createUpdate("UPDATE message SET `status` = 'cancelled', active = 0 WHERE incident_id = :id AND `status` = 'queued'")
                .bind("id", incidentId)
                .execute();
        handle.createUpdate("UPDATE message SET active = 0 WHERE incident_id = :id AND active = 1")
                .bind("id", incidentId)
                .execute();
        handle.createUpdate("DELETE FROM escalation_work WHERE incident_id = :id")
                .bind("id", incidentId)
                .execute();
        event(handle, incidentId, "resolved", actor, description);
    }

    private static void event(Handle handle, long incidentId, String kind, String actor, String description)
    {
        String text = description == null ? "" : description;
        handle.createUpdate("""
                        INSERT INTO incident_event (incident_id, created, kind, actor, description)
                        VALUES (:incident, NOW(3), :kind, :actor, :description)""")
                .bind("incident", incidentId)
                .bind("kind", kind)
                .bind("actor", actor)
                .bind("description", text.length() > 2048 ? text.substring(0, 2048) : text)
                .execute();
    }
}
