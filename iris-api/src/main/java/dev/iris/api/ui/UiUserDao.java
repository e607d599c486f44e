package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/**
 * What the web UI reads about the logged-in user.
 */
public interface UiUserDao
{
    @SqlQuery("""
            SELECT COUNT(*) > 0 FROM `user` u JOIN target t ON t.id = u.target_id
            WHERE t.name = :name AND t.active = 1""")
    boolean isActiveUser(@Bind("name") String username);

    @SqlQuery("""
            SELECT u.admin FROM `user` u JOIN target t ON t.id = u.target_id
            WHERE t.name = :name AND t.active = 1""")
    Optional<Boolean> isAdmin(@Bind("name") String username);

    /**
     * Whether the user logged in with a one-time password and must choose their own first.
     */
    @SqlQuery("""
            SELECT u.password_change_required = 1 FROM `user` u JOIN target t ON t.id = u.target_id
            WHERE t.name = :name AND t.active = 1""")
    boolean mustChangePassword(@Bind("name") String username);

    /**
     * Replaces an active user's local password; the new one is their own, so no change is required.
     */
    @SqlUpdate("""
            UPDATE `user` u JOIN target t ON t.id = u.target_id
            SET u.password_hash = :hash, u.password_change_required = 0
            WHERE t.name = :name AND t.active = 1""")
    int setPassword(@Bind("name") String username, @Bind("hash") String bcryptHash);

    @SqlQuery("""
            SELECT s.value FROM user_setting s JOIN target t ON t.id = s.user_id
            WHERE t.name = :name AND s.name = 'timezone'""")
    Optional<String> timezone(@Bind("name") String username);
}
