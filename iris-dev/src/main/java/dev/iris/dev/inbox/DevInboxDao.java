package dev.iris.dev.inbox;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dev vendor "delivered" ({@code dev_inbox}), newest first, with the recipient's user
 * name where the destination is a known contact.
 */
public interface DevInboxDao
{
    record Delivery(long id, Instant created, long messageId, String vendor, String mode, String destination,
            String subject, String body, String recipient, Long incidentId) {}

    @SqlQuery("""
            SELECT d.id, d.created, d.message_id AS messageId, d.vendor, d.mode, d.destination, d.subject, d.body,
                   (SELECT MIN(t.name) FROM target_contact c JOIN target t ON t.id = c.target_id JOIN mode mo ON mo.id = c.mode_id
                    WHERE c.destination = d.destination AND mo.name = d.mode) AS recipient,
                   m.incident_id AS incidentId
            FROM dev_inbox d LEFT JOIN message m ON m.id = d.message_id
            WHERE (:destination IS NULL OR d.destination = :destination)
            ORDER BY d.id DESC
            LIMIT 300""")
    @RegisterConstructorMapper(Delivery.class)
    List<Delivery> deliveries(@Bind("destination") String destination);

    @SqlQuery("""
            SELECT d.id, d.created, d.message_id AS messageId, d.vendor, d.mode, d.destination, d.subject, d.body,
                   NULL AS recipient, m.incident_id AS incidentId
            FROM dev_inbox d LEFT JOIN message m ON m.id = d.message_id
            WHERE d.id = :id""")
    @RegisterConstructorMapper(Delivery.class)
    Optional<Delivery> delivery(@Bind("id") long id);

    @SqlQuery("SELECT `key` FROM application WHERE name = :name")
    Optional<String> applicationKey(@Bind("name") String name);
}
