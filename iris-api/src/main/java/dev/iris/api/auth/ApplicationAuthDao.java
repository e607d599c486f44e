package dev.iris.api.auth;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * What authentication needs to know about applications and users.
 */
public interface ApplicationAuthDao
{
    String FIND_BY_NAME = """
            SELECT id, name, `key`, secondary_key AS secondaryKey,
                   allow_authenticating_users AS allowAuthenticatingUsers,
                   allow_other_app_incidents AS allowOtherAppIncidents
            FROM application WHERE name = :name""";

    @SqlQuery(FIND_BY_NAME)
    @RegisterConstructorMapper(AuthenticatedApplication.class)
    Optional<AuthenticatedApplication> findByName(@Bind("name") String name);

    @SqlQuery("""
            SELECT u.admin FROM `user` u JOIN target t ON t.id = u.target_id
            WHERE t.name = :name AND t.active = 1""")
    Optional<Boolean> isAdmin(@Bind("name") String username);
}
