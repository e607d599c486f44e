package dev.iris.sender.dispatch;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;

/**
 * What recording a sent page writes. Small on purpose: Jdbi prepares every method of a SqlObject
 * each time one is attached to a handle, and this one is attached once per page sent.
 */
public interface SendOutcomeDao
{
    @SqlUpdate("""
            UPDATE message SET `status` = 'sent', active = 0, sent = :now, send_deadline = NULL, vendor = :vendor,
                               vendor_message_id = :vendorMessageId, subject = :subject, body = :body, template_id = :template,
                               mode_id = :mode, destination = :destination, last_error = NULL
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int markSent(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("now") Instant now, @Bind("vendor") String vendor,
            @Bind("vendorMessageId") String vendorMessageId, @Bind("subject") String subject, @Bind("body") String body,
            @Bind("template") Long templateId, @Bind("mode") int modeId, @Bind("destination") String destination);

    @SqlUpdate("""
            INSERT INTO generic_message_sent_status (message_id, status) VALUES (:id, :status)
            ON DUPLICATE KEY UPDATE status = VALUES(status)""")
    void genericSentStatus(@Bind("id") long id, @Bind("status") boolean sent);

    @SqlUpdate("""
            INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES (:sid, :id, NULL)
            ON DUPLICATE KEY UPDATE message_id = VALUES(message_id)""")
    void twilioSid(@Bind("sid") String sid, @Bind("id") long id);
}
