package dev.iris.plugin.devinbox;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;

/**
 * The dev vendor's one write: a message as a row of {@code dev_inbox}, which iris-dev's inbox
 * pages read.
 */
interface DevInboxDao
{
    /** Returns the row id. */
    @SqlUpdate("""
            INSERT INTO dev_inbox (created, message_id, vendor, mode, destination, subject, body)
            VALUES (:created, :messageId, :vendor, :mode, :destination, :subject, :body)""")
    @GetGeneratedKeys("id")
    long record(@Bind("created") Instant created, @Bind("messageId") long messageId, @Bind("vendor") String vendor, @Bind("mode") String mode,
            @Bind("destination") String destination, @Bind("subject") String subject, @Bind("body") String body);
}
