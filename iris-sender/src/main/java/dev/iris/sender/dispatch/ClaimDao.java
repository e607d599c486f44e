package dev.iris.sender.dispatch;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The statements every claim pass runs: lock the candidates, read them and their incidents, move
 * them to {@code sending}. Apart from {@link MessageDao} on purpose: Jdbi prepares every method
 * of a SqlObject each time one is attached, and a pass is attached to its own handle; with the
 * 25 methods of {@link MessageDao}, attaching was 6 % of the sender's CPU at 100 incidents a
 * second (async-profiler, issue 18). The pass attaches {@link MessageDao} only when a message
 * needs one of its rarer statements.
 */
@RegisterConstructorMapper(MessageRow.class)
public interface ClaimDao
{
    /**
     * Locks up to {@code limit} of {@code ids} that are still queued and due; rows another pass
     * holds are skipped.
     */
    @SqlQuery("""
            SELECT id FROM message FORCE INDEX (PRIMARY)
            WHERE id IN (<ids>) AND `status` = 'queued' AND next_attempt_at <= :now
            ORDER BY id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Long> lockQueued(@BindList("ids") Collection<Long> ids, @Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Locks up to {@code limit} of {@code ids} whose send deadline still has passed; rows another
     * pass holds are skipped.
     */
    @SqlQuery("""
            SELECT id FROM message FORCE INDEX (PRIMARY)
            WHERE id IN (<ids>) AND `status` = 'sending' AND send_deadline <= :now
            ORDER BY id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Long> lockExpiredSends(@BindList("ids") Collection<Long> ids, @Bind("now") Instant now, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT m.id, m.batch, m.`status`, m.attempts, m.application_id, a.name AS application_name,
                   m.target_id, t.name AS target_name, tt.name AS target_type, m.destination, m.mode_id,
                   m.plan_id, p.name AS plan_name, m.priority_id, pr.name AS priority_name, m.category_id,
                   m.subject, m.body, m.incident_id, i.created AS incident_created, i.context AS incident_context,
                   m.plan_notification_id, pn.template, pn.step, m.`round`, m.created,
                   m.recipients, m.first_attempt_at, m.mode_since, m.modes_tried, m.notice_of
            FROM message m
            JOIN application a ON a.id = m.application_id
            LEFT JOIN target t ON t.id = m.target_id
            LEFT JOIN target_type tt ON tt.id = t.type_id
            LEFT JOIN plan p ON p.id = m.plan_id
            LEFT JOIN priority pr ON pr.id = m.priority_id
            LEFT JOIN incident i ON i.id = m.incident_id
            LEFT JOIN plan_notification pn ON pn.id = m.plan_notification_id
            WHERE m.id IN (<ids>)
            ORDER BY m.id""")
    List<MessageRow> load(@BindList("ids") Collection<Long> ids);

    /**
     * @param stopped whether the incident was claimed or resolved: only then may its pages be
     *        cancelled (an incident whose plan ran out is inactive too, but its pages are owed)
     */
    record IncidentState(long id, boolean stopped) {}

    /**
     * Locks the incidents of a claimed batch in one round trip; incidents a claim holds right now
     * are missing from the result.
     */
    @SqlQuery("""
            SELECT id, (owner_id IS NOT NULL OR resolved = 1) AS stopped
            FROM incident WHERE id IN (<ids>)
            FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(IncidentState.class)
    List<IncidentState> lockIncidents(@BindList("ids") Collection<Long> incidentIds);

    /**
     * Moves a claim pass's messages to {@code sending} in one statement; {@code assignments} set
     * {@link Dispatcher#SENDING_COLUMNS} from a {@link dev.iris.sender.ValuesById}. The pass holds
     * the rows' locks since it claimed them.
     */
    @SqlUpdate("""
            UPDATE message SET `status` = 'sending', active = 1, attempts = attempts + 1,
                               first_attempt_at = COALESCE(first_attempt_at, :now), mode_since = COALESCE(mode_since, :now),
                               <assignments>
            WHERE id IN (<ids>)""")
    void markAllSending(@BindList("ids") Collection<Object> ids, @Define("assignments") String assignments,
            @BindMap Map<String, Object> values, @Bind("now") Instant now);
}
