package dev.iris.core.rolelookup;

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
        return switch (role) {
            case "user" -> targetExists(target, "user") ? Optional.of(activeUser(target)) : Optional.empty();
            case "team" -> targetExists(target, "team") ? Optional.of(teamMembers(target)) : Optional.empty();
            case "manager" -> targetExists(target, "team") ? Optional.of(teamManager(target)) : Optional.empty();
            case "mailing-list" -> targetExists(target, "mailing-list") ? Optional.of(listMembers(target)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private boolean targetExists(String name, String type)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM target t JOIN target_type tt ON tt.id = t.type_id
                        WHERE t.name = :name AND tt.name = :type""")
                .bind("name", name).bind("type", type)
                .mapTo(Integer.class).one() > 0);
    }

    private List<String> activeUser(String name)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.name FROM target t JOIN `user` u ON u.target_id = t.id
                        WHERE t.name = :name AND t.active = 1""")
                .bind("name", name)
                .mapTo(String.class).list());
    }

    private List<String> teamMembers(String team)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT member.name
                        FROM target team
                        JOIN target_type tt ON tt.id = team.type_id AND tt.name = 'team'
                        JOIN user_team ut ON ut.team_id = team.id
                        JOIN target member ON member.id = ut.user_id
                        WHERE team.name = :team AND member.active = 1
                        ORDER BY member.name""")
                .bind("team", team)
                .mapTo(String.class).list());
    }

    private List<String> teamManager(String team)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT manager.name
                        FROM target team
                        JOIN target_type tt ON tt.id = team.type_id AND tt.name = 'team'
                        JOIN team tm ON tm.target_id = team.id
                        JOIN target manager ON manager.id = tm.manager_id
                        WHERE team.name = :team AND manager.active = 1""")
                .bind("team", team)
                .mapTo(String.class).list());
    }

    private List<String> listMembers(String list)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT member.name
                        FROM target ml
                        JOIN target_type tt ON tt.id = ml.type_id AND tt.name = 'mailing-list'
                        JOIN mailing_list_membership m ON m.list_id = ml.id
                        JOIN target member ON member.id = m.user_id
                        WHERE ml.name = :list AND member.active = 1
                        ORDER BY member.name""")
                .bind("list", list)
                .mapTo(String.class).list());
    }
}
