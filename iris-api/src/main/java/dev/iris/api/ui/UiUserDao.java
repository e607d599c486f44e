package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

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

    @SqlQuery("""
            SELECT s.value FROM user_setting s JOIN target t ON t.id = s.user_id
            WHERE t.name = :name AND s.name = 'timezone'""")
    Optional<String> timezone(@Bind("name") String username);
}
