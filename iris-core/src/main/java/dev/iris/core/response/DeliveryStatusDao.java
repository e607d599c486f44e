package dev.iris.core.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

public interface DeliveryStatusDao
{
    record Tracked(long messageId, String status) {}

    @SqlQuery("SELECT message_id, status FROM twilio_delivery_status WHERE twilio_sid = :sid FOR UPDATE")
    @RegisterConstructorMapper(Tracked.class)
    Optional<Tracked> lockBySid(@Bind("sid") String sid);

    /**
     * A message that carries the SID but has no tracking row yet (the callback won the race with
     * the sender's bookkeeping, or the vendor does not write one).
     */
    @SqlQuery("""
            SELECT id AS message_id, delivery_status AS status FROM message
            WHERE vendor_message_id = :sid
            ORDER BY id DESC LIMIT 1
            FOR UPDATE""")
    @RegisterConstructorMapper(Tracked.class)
    Optional<Tracked> lockMessageByVendorId(@Bind("sid") String sid);

    /**
     * The message a status callback's URL names, while no SID is recorded for it yet (the
     * callback won the race with the sender's write of the SID Twilio answered).
     */
    @SqlQuery("""
            SELECT id AS message_id, delivery_status AS status FROM message
            WHERE id = :messageId AND vendor_message_id IS NULL
            FOR UPDATE""")
    @RegisterConstructorMapper(Tracked.class)
    Optional<Tracked> lockMessageWithoutSid(@Bind("messageId") long messageId);

    @SqlUpdate("""
            INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES (:sid, :messageId, :status)
            ON DUPLICATE KEY UPDATE status = VALUES(status)""")
    void upsertTracking(@Bind("sid") String sid, @Bind("messageId") long messageId, @Bind("status") String status);

    @SqlUpdate("UPDATE message SET delivery_status = :status WHERE id = :messageId")
    void updateMessage(@Bind("messageId") long messageId, @Bind("status") String status);

    @SqlQuery("SELECT id FROM message WHERE id = :messageId FOR UPDATE")
    Optional<Long> lockMessage(@Bind("messageId") long messageId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM twilio_retry WHERE message_id = :messageId OR retry_id = :messageId)")
    boolean isRetriedOrRetry(@Bind("messageId") long messageId);

    /**
     * A copy of the message for the sender to try again: incident, application, target, priority,
     * subject and body; no plan, mode or destination, so the sender chooses them afresh.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, priority_id, subject, body, incident_id,
                                 active, `status`, next_attempt_at)
            SELECT NOW(3), m.application_id, m.target_id, m.priority_id, m.subject, m.body, m.incident_id, 1, 'queued', NOW(3)
            FROM message m LEFT JOIN incident i ON i.id = m.incident_id
            WHERE m.id = :messageId AND m.target_id IS NOT NULL AND (m.incident_id IS NULL OR i.active = 1)""")
    @GetGeneratedKeys("id")
    Optional<Long> insertRetry(@Bind("messageId") long messageId);

    @SqlUpdate("INSERT INTO twilio_retry (message_id, retry_id) VALUES (:messageId, :retryId)")
    void insertRetryLink(@Bind("messageId") long messageId, @Bind("retryId") long retryId);
}
