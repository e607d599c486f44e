package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.Instant;

/**
 * The {@code ui_session} table: live web UI sessions by the hash of their id.
 */
public interface UiSessionDao
{
    @SqlUpdate("""
            INSERT INTO ui_session (id_hash, user_id, created, expires)
            SELECT :idHash, u.target_id, :now, :expires FROM `user` u JOIN target t ON t.id = u.target_id WHERE t.name = :username""")
    int insert(@Bind("idHash") String idHash, @Bind("username") String username, @Bind("now") Instant now, @Bind("expires") Instant expires);

    @SqlQuery("""
            SELECT COUNT(*) FROM ui_session s JOIN target t ON t.id = s.user_id
            WHERE s.id_hash = :idHash AND t.name = :username AND s.expires > :now""")
    boolean isLive(@Bind("idHash") String idHash, @Bind("username") String username, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM ui_session WHERE id_hash = :idHash")
    int delete(@Bind("idHash") String idHash);

    @SqlUpdate("DELETE s FROM ui_session s JOIN target t ON t.id = s.user_id WHERE t.name = :username")
    int deleteAllOf(@Bind("username") String username);

    @SqlUpdate("DELETE s FROM ui_session s JOIN target t ON t.id = s.user_id WHERE t.name = :username AND s.expires <= :now")
    int deleteExpiredOf(@Bind("username") String username, @Bind("now") Instant now);

    /**
     * Clears the user's expired sessions and records a new one, in one transaction (retried
     * when it loses a deadlock to a concurrent login of the same user); returns the rows
     * inserted, 0 when there is no such user.
     */
    @Transaction
    default int startReplacingExpired(String idHash, String username, Instant now, Instant expires)
    {
        deleteExpiredOf(username, now);
        return insert(idHash, username, now, expires);
    }
}
