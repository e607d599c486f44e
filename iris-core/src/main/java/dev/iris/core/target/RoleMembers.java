package dev.iris.core.target;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/**
 * Who fills a role for a target, from Iris's own tables: a user is itself, a team its active
 * members, a manager the team's manager, a mailing list its active members. The one place this
 * expansion is written; the database role lookup, out-of-band notifications and plan simulation
 * use it.
 */
public final class RoleMembers
{
    private RoleMembers() {}

    /**
     * An active user who fills a role.
     *
     * @param id the user's target id
     * @param name the username
     */
    public record Member(long id, String name) {}

    /**
     * The target ids of the active users, in id order; empty for unknown roles or targets.
     */
    public static List<Long> ids(Handle handle, String role, String target)
    {
        return query(role, "person.id", "person.id")
                .map(sql -> handle.createQuery(sql).bind("target", target).mapTo(Long.class).list())
                .orElse(List.of());
    }

    /**
     * The usernames of the active users, in name order; empty for unknown roles or targets.
     */
    public static List<String> usernames(Handle handle, String role, String target)
    {
        return members(handle, role, target).stream().map(Member::name).toList();
    }

    /**
     * The active users with their ids, in name order; empty for unknown roles or targets.
     */
    public static List<Member> members(Handle handle, String role, String target)
    {
        return query(role, "person.id, person.name", "person.name")
                .map(sql -> handle.createQuery(sql).bind("target", target)
                        .map((rs, ctx) -> new Member(rs.getLong("id"), rs.getString("name"))).list())
                .orElse(List.of());
    }

    /**
     * The target type a role's target must have ({@code manager} is a role of teams), if the role
     * is one of Iris's own.
     */
    public static Optional<String> targetType(String role)
    {
        return switch (role) {
            case "user" -> Optional.of("user");
            case "team", "manager" -> Optional.of("team");
            case "mailing-list" -> Optional.of("mailing-list");
            default -> Optional.empty();
        };
    }

    private static Optional<String> query(String role, String columns, String orderBy)
    {
        String from = switch (role) {
            case "user" -> """
                    FROM target person JOIN target_type tt ON tt.id = person.type_id JOIN `user` u ON u.target_id = person.id
                    WHERE person.name = :target AND tt.name = 'user' AND person.active = 1""";
            case "team" -> """
                    FROM target team JOIN target_type tt ON tt.id = team.type_id
                    JOIN user_team ut ON ut.team_id = team.id
                    JOIN target person ON person.id = ut.user_id
                    WHERE team.name = :target AND tt.name = 'team' AND person.active = 1""";
            case "manager" -> """
                    FROM target team JOIN target_type tt ON tt.id = team.type_id
                    JOIN team t ON t.target_id = team.id
                    JOIN target person ON person.id = t.manager_id
                    WHERE team.name = :target AND tt.name = 'team' AND person.active = 1""";
            case "mailing-list" -> """
                    FROM target list JOIN target_type tt ON tt.id = list.type_id
                    JOIN mailing_list_membership mlm ON mlm.list_id = list.id
                    JOIN target person ON person.id = mlm.user_id
                    WHERE list.name = :target AND tt.name = 'mailing-list' AND person.active = 1""";
            default -> null;
        };
        return Optional.ofNullable(from).map(clause -> "SELECT " + columns + " " + clause + " ORDER BY " + orderBy);
    }
}
