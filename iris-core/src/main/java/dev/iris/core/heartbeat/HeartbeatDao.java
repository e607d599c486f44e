package dev.iris.core.heartbeat;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code heartbeat} table.
 */
public interface HeartbeatDao
{
    // The application name comes from a subquery so that locking reads lock heartbeat rows only.
    String COLUMNS = """
            SELECT h.id, h.application_id AS applicationId, (SELECT a.name FROM application a WHERE a.id = h.application_id) AS application,
                   h.name, h.interval_seconds AS intervalSeconds, h.plan_name AS plan, h.last_beat AS lastBeat, h.due_at AS dueAt,
                   h.incident_id AS incidentId
            FROM heartbeat h
            """;

    @SqlUpdate("""
            INSERT INTO heartbeat (application_id, name, interval_seconds, plan_name, created, due_at)
            VALUES (:application, :name, :interval, :plan, :now, :now + INTERVAL :interval SECOND)
            ON DUPLICATE KEY UPDATE interval_seconds = VALUES(interval_seconds), plan_name = VALUES(plan_name),
                                    due_at = COALESCE(last_beat, :now) + INTERVAL VALUES(interval_seconds) SECOND""")
    void upsert(@Bind("application") long applicationId, @Bind("name") String name, @Bind("interval") int intervalSeconds,
            @Bind("plan") String plan, @Bind("now") Instant now);

    @SqlQuery(COLUMNS + "WHERE h.application_id = :application AND h.name = :name")
    @RegisterConstructorMapper(Heartbeat.class)
    Optional<Heartbeat> find(@Bind("application") long applicationId, @Bind("name") String name);

    @SqlQuery(COLUMNS + "WHERE h.application_id = :application AND h.name = :name FOR UPDATE")
    @RegisterConstructorMapper(Heartbeat.class)
    Optional<Heartbeat> lock(@Bind("application") long applicationId, @Bind("name") String name);

    @SqlQuery(COLUMNS + """
            WHERE (:application IS NULL OR h.application_id = (SELECT a.id FROM application a WHERE a.name = :application))
            ORDER BY application, h.name""")
    @RegisterConstructorMapper(Heartbeat.class)
    List<Heartbeat> list(@Bind("application") String application);

    /**
     * Overdue heartbeats without an open incident, locked; rows another checker holds are skipped.
     */
    @SqlQuery(COLUMNS + """
            WHERE h.incident_id IS NULL AND h.due_at <= :now
            ORDER BY h.due_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(Heartbeat.class)
    List<Heartbeat> lockOverdue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("UPDATE heartbeat SET incident_id = :incident WHERE id = :id")
    void setIncident(@Bind("id") long id, @Bind("incident") long incidentId);

    @SqlUpdate("""
            UPDATE heartbeat SET last_beat = :now, due_at = :now + INTERVAL interval_seconds SECOND, incident_id = NULL
            WHERE id = :id""")
    void beat(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM heartbeat WHERE application_id = :application AND name = :name")
    int delete(@Bind("application") long applicationId, @Bind("name") String name);
}
