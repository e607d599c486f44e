package dev.iris.core.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/**
 * What replies need to know about messages and incidents.
 */
public interface ReplyDao
{
    /**
     * A message a reply names: its application and incident (null for out-of-band messages).
     */
    record MessageRef(long id, String application, Long incidentId) {}

    /**
     * An incident's claim state: {@code owner} is the owner's user name, or null.
     */
    record IncidentState(long id, boolean active, String owner) {}

    @SqlQuery("""
            SELECT m.id, a.name AS application, m.incident_id
            FROM message m JOIN application a ON a.id = m.application_id
            WHERE m.id = :id""")
    @RegisterConstructorMapper(MessageRef.class)
    Optional<MessageRef> findMessage(@Bind("id") long messageId);

    @SqlQuery("""
            SELECT m.id, a.name AS application, m.incident_id
            FROM message m JOIN application a ON a.id = m.application_id
            WHERE m.batch = :batch
            ORDER BY m.id""")
    @RegisterConstructorMapper(MessageRef.class)
    List<MessageRef> findBatch(@Bind("batch") String batchId);

    /**
     * The latest incident message sent to the user (Iris takes the latest message of any kind,
     * which after an email answer is that answer, with no incident to claim).
     */
    @SqlQuery("""
            SELECT m.id FROM message m
            WHERE m.target_id = :userId AND m.incident_id IS NOT NULL
            ORDER BY m.sent IS NULL, m.sent DESC, m.id DESC
            LIMIT 1""")
    Optional<Long> findLastIncidentMessage(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT m.id, a.name AS application, m.incident_id
            FROM message m
            JOIN application a ON a.id = m.application_id
            JOIN incident i ON i.id = m.incident_id
            WHERE m.target_id = :userId AND i.active = 1
            ORDER BY m.id""")
    @RegisterConstructorMapper(MessageRef.class)
    List<MessageRef> findMessagesOfActiveIncidents(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT i.id, i.active, t.name AS owner
            FROM incident i LEFT JOIN target t ON t.id = i.owner_id
            WHERE i.id = :id""")
    @RegisterConstructorMapper(IncidentState.class)
    Optional<IncidentState> findIncident(@Bind("id") long incidentId);

    /**
     * Takes a server-wide named lock on claiming one incident (waiting up to {@code seconds}); 1
     * when taken. Serialises replies on one incident across API nodes, so a double tap claims
     * once. Lock names are global to the server (at most 64 characters), so they carry the
     * database's name.
     */
    @SqlQuery("SELECT GET_LOCK(CONCAT(LEFT(DATABASE(), 32), ':claim:', :incidentId), :seconds)")
    Integer lockClaim(@Bind("incidentId") long incidentId, @Bind("seconds") int seconds);

    @SqlQuery("SELECT RELEASE_LOCK(CONCAT(LEFT(DATABASE(), 32), ':claim:', :incidentId))")
    Integer unlockClaim(@Bind("incidentId") long incidentId);
}
