package dev.iris.core.alert;

import dev.iris.core.incident.IncidentDao;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Incident changes made on behalf of machines (webhook alerts, missed heartbeats), inside the
 * caller's transaction, with the same statements as {@code IncidentService} and
 * {@code ClaimService} ({@link IncidentDao}). Two differences from those services, both on
 * purpose: the context is stored as given (Iris stores webhook payloads unfiltered), and an
 * automatic resolve has no human actor. Like every resolve, it stops the incident's paging the way
 * a claim does (queued messages cancelled, work item deleted).
 */
public final class AutomatedIncidents
{
    private static final int MAX_EVENT_DESCRIPTION = 2048;

    private AutomatedIncidents() {}

    public static Optional<Long> activePlanId(Handle handle, String planName)
    {
        return dao(handle).findActivePlanId(planName);
    }

    /**
     * Whether any step of the plan uses a template with content for the application (Iris refuses
     * incidents that could render no message).
     */
    public static boolean planHasTemplatesFor(Handle handle, long planId, long applicationId)
    {
        return dao(handle).planHasTemplateFor(planId, applicationId);
    }

    /**
     * Serializes ingestion for one application until the transaction ends, so two copies of one
     * alert arriving together cannot both open an incident.
     */
    public static void lockApplication(Handle handle, long applicationId)
    {
        dao(handle).lockApplication(applicationId);
    }

    /**
     * The application's open incident (unresolved, and escalating or claimed) with this dedup key,
     * locked; the same rule as {@code POST /v0/incidents} with a dedup key.
     */
    public static Optional<Long> openIncident(Handle handle, long applicationId, String dedupKey)
    {
        return dao(handle).findOpenByDedupKey(applicationId, dedupKey);
    }

    /**
     * Inserts an escalating incident, its 'created' event and its escalation work item due now.
     */
    public static long open(Handle handle, long planId, long applicationId, String contextJson, String dedupKey, String actor, String description)
    {
        IncidentDao dao = dao(handle);
        long id = dao.insertIncident(planId, contextJson, applicationId, dedupKey);
        dao.insertEvent(id, "created", actor, truncate(description));
        dao.scheduleEscalationNow(id);
        return id;
    }

    /**
     * Counts a repeat of the alert on its open incident: a timeline entry, no new pages.
     */
    public static void absorbRepeat(Handle handle, long incidentId, String actor, String description)
    {
        IncidentDao dao = dao(handle);
        dao.countDuplicate(incidentId);
        dao.insertEvent(incidentId, "deduplicated", actor, truncate(description));
    }

    /**
     * Resolves the incident and stops its escalation: nothing queued for it is sent afterwards.
     * Messages already being sent finish (the sender checks the incident before sending).
     */
    public static void resolveAndStop(Handle handle, long incidentId, String actor, String description)
    {
        IncidentDao dao = dao(handle);
        dao.lockIncident(incidentId);
        dao.resolveAndStopPaging(incidentId);
        dao.insertEvent(incidentId, "resolved", actor, truncate(description));
    }

    private static IncidentDao dao(Handle handle)
    {
        return handle.attach(IncidentDao.class);
    }

    private static String truncate(String description)
    {
        String text = description == null ? "" : description;
        return text.length() > MAX_EVENT_DESCRIPTION ? text.substring(0, MAX_EVENT_DESCRIPTION) : text;
    }
}
