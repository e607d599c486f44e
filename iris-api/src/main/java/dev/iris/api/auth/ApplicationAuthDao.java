package dev.iris.api.auth;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * What authentication needs to know about users (applications come from the
 * {@link dev.iris.core.application.ApplicationCache}).
 */
public interface ApplicationAuthDao
{
    @SqlQuery("""
            SELECT u.admin FROM `user` u JOIN target t ON t.id = u.target_id
            WHERE t.name = :name AND t.active = 1""")
    Optional<Boolean> isAdmin(@Bind("name") String username);
}
