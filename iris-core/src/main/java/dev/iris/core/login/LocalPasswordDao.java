package dev.iris.core.login;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * Reads the password hashes of local accounts.
 */
public interface LocalPasswordDao
{
    /**
     * The bcrypt hash of an active user; empty for unknown or inactive users and users without a
     * local password.
     */
    @SqlQuery("""
            SELECT u.password_hash FROM `user` u
            JOIN target t ON t.id = u.target_id
            JOIN target_type tt ON tt.id = t.type_id
            WHERE t.name = :username AND tt.name = 'user' AND t.active = 1 AND u.password_hash IS NOT NULL""")
    Optional<String> passwordHash(@Bind("username") String username);
}
