package dev.iris.core.maintenance;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows, their timeline, and which incidents they silence. Every "now" is bound by
 * the caller, so the API and the senders compare against the clock they were given.
 */
public interface MaintenanceDao
{
    String WINDOW_COLUMNS = """
            w.id, a.name AS application, w.plan_name, w.starts_at, w.ends_at, w.reason, w.creator, w.stop_paging,
            w.resume_at_end, w.created, w.started_done, w.ended_done
            FROM maintenance_window w LEFT JOIN application a ON a.id = w.application_id
            """;

    @SqlUpdate("""
            INSERT INTO maintenance_window (application_id, plan_name, starts_at, ends_at, reason, creator, stop_paging, resume_at_end, created)
            VALUES (:applicationId, :planName, :startsAt, :endsAt, :reason, :creator, :stopPaging, :resumeAtEnd, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("applicationId") Long applicationId, @Bind("planName") String planName, @Bind("startsAt") Instant startsAt,
            @Bind("endsAt") Instant endsAt, @Bind("reason") String reason, @Bind("creator") String creator,
            @Bind("stopPaging") boolean stopPaging, @Bind("resumeAtEnd") boolean resumeAtEnd, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO maintenance_event (window_id, created, kind, actor, description)
            VALUES (:windowId, :now, :kind, :actor, :description)""")
    void insertEvent(@Bind("windowId") long windowId, @Bind("now") Instant now, @Bind("kind") String kind, @Bind("actor") String actor,
            @Bind("description") String description);

    /**
     * One event of a window's timeline.
     */
    record Event(Instant created, String kind, String actor, String description) {}

    @SqlQuery("SELECT created, kind, actor, description FROM maintenance_event WHERE window_id = :id ORDER BY id")
    @RegisterConstructorMapper(Event.class)
    List<Event> events(@Bind("id") long windowId);

    @SqlQuery("SELECT " + WINDOW_COLUMNS + " WHERE w.id = :id")
    @RegisterConstructorMapper(MaintenanceWindow.class)
    Optional<MaintenanceWindow> find(@Bind("id") long windowId);

    @SqlQuery("SELECT " + WINDOW_COLUMNS + " WHERE w.id = :id FOR UPDATE")
    @RegisterConstructorMapper(MaintenanceWindow.class)
    Optional<MaintenanceWindow> lock(@Bind("id") long windowId);

    /**
     * Windows not ended before {@code since} (all of them when null), newest start first.
     */
    @SqlQuery("SELECT " + WINDOW_COLUMNS + " WHERE (:since IS NULL OR w.ends_at > :since) ORDER BY w.starts_at DESC, w.id DESC LIMIT :limit")
    @RegisterConstructorMapper(MaintenanceWindow.class)
    List<MaintenanceWindow> list(@Bind("since") Instant since, @Bind("limit") int limit);

    @SqlUpdate("UPDATE maintenance_window SET ends_at = :endsAt WHERE id = :id")
    void setEnd(@Bind("id") long windowId, @Bind("endsAt") Instant endsAt);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> applicationId(@Bind("name") String name);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM plan WHERE name = :name)")
    boolean planExists(@Bind("name") String name);

    /**
     * The window in effect now (the database's clock, as the incident's creation time) for a new
     * incident of this application and plan, if any.
     */
    @SqlQuery("""
            SELECT w.id FROM maintenance_window w
            WHERE w.starts_at <= NOW(3) AND w.ends_at > NOW(3)
              AND (w.application_id = :applicationId OR w.plan_name = (SELECT p.name FROM plan p WHERE p.id = :planId))
            ORDER BY w.ends_at DESC LIMIT 1""")
    Optional<Long> coveringNew(@Bind("applicationId") long applicationId, @Bind("planId") long planId);

    @SqlUpdate("UPDATE incident SET silenced_by = :windowId WHERE id = :id")
    void markSilenced(@Bind("id") long incidentId, @Bind("windowId") long windowId);

    /**
     * Which of these incidents a window in effect silences: those created inside it, and with
     * {@code stop_paging} those already paging. Two columns: incident, window.
     */
    record Silenced(long incidentId, long windowId) {}

    @SqlQuery("""
            SELECT i.id AS incident_id, MAX(w.id) AS window_id
            FROM incident i
            JOIN plan p ON p.id = i.plan_id
            JOIN maintenance_window w ON (w.application_id = i.application_id OR w.plan_name = p.name)
            WHERE i.id IN (<ids>) AND w.starts_at <= :now AND w.ends_at > :now
              AND (i.created >= w.starts_at OR w.stop_paging = 1)
            GROUP BY i.id""")
    @RegisterConstructorMapper(Silenced.class)
    List<Silenced> silenced(@BindList("ids") Collection<Long> incidentIds, @Bind("now") Instant now);

    /**
     * Windows whose start or end a sender has yet to apply, locked; those another sender holds are skipped.
     */
    @SqlQuery("""
            SELECT id FROM maintenance_window
            WHERE ended_done = 0 AND ((started_done = 0 AND starts_at <= :now) OR ends_at <= :now)
            ORDER BY id LIMIT 20
            FOR UPDATE SKIP LOCKED""")
    List<Long> claimTransitions(@Bind("now") Instant now);

    @SqlUpdate("UPDATE maintenance_window SET started_done = 1 WHERE id = :id")
    void markStarted(@Bind("id") long windowId);

    @SqlUpdate("UPDATE maintenance_window SET started_done = 1, ended_done = 1 WHERE id = :id")
    void markEnded(@Bind("id") long windowId);

    /**
     * Open incidents a window covers that are still paging (for {@code stop_paging}), locked in id order.
     */
    @SqlQuery("""
            SELECT i.id FROM incident i JOIN plan p ON p.id = i.plan_id
            JOIN maintenance_window w ON w.id = :windowId AND (w.application_id = i.application_id OR w.plan_name = p.name)
            WHERE i.active = 1 AND i.owner_id IS NULL AND i.resolved = 0 AND i.silenced_by IS NULL
            ORDER BY i.id
            FOR UPDATE""")
    List<Long> lockPagingIncidents(@Bind("windowId") long windowId);

    /**
     * Open incidents this window silenced, locked in id order.
     */
    @SqlQuery("""
            SELECT id FROM incident WHERE silenced_by = :windowId AND owner_id IS NULL AND resolved = 0
            ORDER BY id FOR UPDATE""")
    List<Long> lockSilencedIncidents(@Bind("windowId") long windowId);

    @SqlUpdate("UPDATE incident SET silenced_by = :windowId, updated = :now WHERE id = :id")
    void silence(@Bind("id") long incidentId, @Bind("windowId") long windowId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE incident SET silenced_by = NULL, active = :active, updated = :now WHERE id = :id")
    void unsilence(@Bind("id") long incidentId, @Bind("active") boolean active, @Bind("now") Instant now);

    @SqlUpdate("UPDATE incident SET silenced_by = NULL WHERE silenced_by = :windowId")
    void releaseClosed(@Bind("windowId") long windowId);
}
