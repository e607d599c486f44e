package dev.iris.core.contact;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Writes a user's own contacts for the modes people set themselves.
 */
public interface ContactDao
{
    /** A changed address is a new start: it is enabled again. */
    @SqlUpdate("""
            INSERT INTO target_contact (target_id, mode_id, destination)
            SELECT t.id, m.id, :destination
            FROM target t
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'user'
            JOIN mode m ON m.name = :mode
            WHERE t.name = :user
            ON DUPLICATE KEY UPDATE
                disabled = IF(destination = VALUES(destination), disabled, 0),
                destination = VALUES(destination)""")
    int set(@Bind("user") String user, @Bind("mode") String mode, @Bind("destination") String destination);

    @SqlUpdate("""
            DELETE c FROM target_contact c
            JOIN target t ON t.id = c.target_id
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'user'
            JOIN mode m ON m.id = c.mode_id
            WHERE t.name = :user AND m.name = :mode""")
    int remove(@Bind("user") String user, @Bind("mode") String mode);

    @SqlQuery("SELECT COUNT(*) > 0 FROM mode WHERE name = :mode")
    boolean modeExists(@Bind("mode") String mode);
}
