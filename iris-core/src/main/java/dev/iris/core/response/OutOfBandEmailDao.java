package dev.iris.core.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/**
 * Queues emails Iris itself sends (answers to email replies, notices to admins) as out-of-band
 * message rows for the sender: no incident or plan, mode email forced, priority low.
 */
public interface OutOfBandEmailDao
{
    int MAX_SUBJECT_CHARACTERS = 240;

    record Recipient(long userId, String destination) {}

    /**
     * Queues one email sent as {@code application}; 0 when that application does not exist.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, destination, mode_id, priority_id, subject, body,
                                 active, `status`, next_attempt_at)
            SELECT NOW(3), a.id, :userId, :destination, m.id, p.id, :subject, :body, 1, 'queued', NOW(3)
            FROM application a, mode m, priority p
            WHERE a.name = :application AND m.name = 'email' AND p.name = 'low'""")
    int queue(@Bind("application") String application, @Bind("userId") Long userId, @Bind("destination") String destination,
            @Bind("subject") String subject, @Bind("body") String body);

    @SqlQuery("""
            SELECT t.id AS user_id, c.destination
            FROM `user` u
            JOIN target t ON t.id = u.target_id
            JOIN target_contact c ON c.target_id = t.id
            JOIN mode m ON m.id = c.mode_id
            WHERE u.admin = 1 AND t.active = 1 AND m.name = 'email' AND c.disabled = 0
            ORDER BY t.id""")
    @RegisterConstructorMapper(Recipient.class)
    List<Recipient> findAdmins();

    static String subject(String subject)
    {
        String text = subject == null ? "" : subject;
        return text.length() <= MAX_SUBJECT_CHARACTERS ? text : text.substring(0, MAX_SUBJECT_CHARACTERS);
    }
}
