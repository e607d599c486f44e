package dev.iris.core.rolelookup;

import dev.iris.core.target.RoleMembers;
import dev.iris.spi.rolelookup.RoleLookup;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Expands roles from Iris's tables: {@code user} is the user itself, {@code team} its members,
 * {@code manager} the team's manager, {@code mailing-list} its members. Only active users are
 * returned. Any other role, or a target this database does not have, is "not mine", so a later
 * lookup in the chain (Oncall, LDAP) can answer.
 */
public final class DatabaseRoleLookup
        implements RoleLookup
{
    private final Jdbi jdbi;

    public DatabaseRoleLookup(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    @Override
    public Optional<List<String>> lookup(String role, String target)
    {
        requireNonNull(role, "role is null");
        requireNonNull(target, "target is null");
        Optional<String> type = RoleMembers.targetType(role);
        if (type.isEmpty() || !targetExists(target, type.get())) {
            return Optional.empty();
        }
        return Optional.of(jdbi.withHandle(handle -> RoleMembers.usernames(handle, role, target)));
    }

    private boolean targetExists(String name, String type)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM target t JOIN target_type tt ON tt.id = t.type_id
                        WHERE t.name = :name AND tt.name = :type""")
                .bind("name", name).bind("type", type)
                .mapTo(Integer.class).one() > 0);
    }
}
