package dev.iris.core.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/**
 * Finds the user behind a reply address. Disabled contacts still identify their owner: a person
 * who texted STOP can still claim, and text START.
 */
@RegisterConstructorMapper(Responder.class)
public interface ResponderDao
{
    @SqlQuery("""
            SELECT t.id AS user_id, t.name
            FROM target_contact c
            JOIN mode m ON m.id = c.mode_id
            JOIN target t ON t.id = c.target_id
            JOIN `user` u ON u.target_id = t.id
            WHERE m.name = :mode AND c.destination IN (<destinations>) AND t.active = 1
            ORDER BY c.disabled, t.id
            LIMIT 1""")
    Optional<Responder> findByContact(@Bind("mode") String mode, @BindList("destinations") List<String> destinations);

    // utf8mb4_unicode_ci compares case-insensitively, as email addresses are in practice.
    default Optional<Responder> findByEmail(String address)
    {
        return findByContact("email", List.of(address));
    }

    @SqlQuery("""
            SELECT t.id AS user_id, t.name
            FROM target t
            JOIN target_type tt ON tt.id = t.type_id
            JOIN `user` u ON u.target_id = t.id
            WHERE tt.name = 'user' AND t.name = :name AND t.active = 1""")
    Optional<Responder> findByName(@Bind("name") String name);
}
