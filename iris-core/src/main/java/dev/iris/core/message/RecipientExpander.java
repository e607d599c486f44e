package dev.iris.core.message;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * Expands a role and target into the active users behind them, from the database tables alone
 * (the built-in user, team, manager and mailing-list lookups): a user is itself, a team its active
 * members, a manager the team's manager, a mailing list its active members. Other roles (Oncall's)
 * expand to nobody here.
 */
public final class RecipientExpander
{
    private RecipientExpander() {}

    /**
     * The target ids of the active users, in id order; empty when nothing matches.
     */
    public static List<Long> expand(Handle handle, String role, String target)
    {
        String sql = switch (role) {
            case "user" -> """
                    SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
                    WHERE t.name = :target AND tt.name = 'user' AND t.active = 1""";
            case "team" -> """
                    SELECT member.id FROM target team JOIN target_type tt ON tt.id = team.type_id
                    JOIN user_team ut ON ut.team_id = team.id
                    JOIN target member ON member.id = ut.user_id
                    WHERE team.name = :target AND tt.name = 'team' AND member.active = 1""";
            case "manager" -> """
                    SELECT manager.id FROM target team JOIN target_type tt ON tt.id = team.type_id
                    JOIN team t ON t.target_id = team.id
                    JOIN target manager ON manager.id = t.manager_id
                    WHERE team.name = :target AND tt.name = 'team' AND manager.active = 1""";
            case "mailing-list" -> """
                    SELECT member.id FROM target list JOIN target_type tt ON tt.id = list.type_id
                    JOIN mailing_list_membership mlm ON mlm.list_id = list.id
                    JOIN target member ON member.id = mlm.user_id
                    WHERE list.name = :target AND tt.name = 'mailing-list' AND member.active = 1""";
            default -> null;
        };
        if (sql == null) {
            return List.of();
        }
        return handle.createQuery(sql + " ORDER BY 1").bind("target", target).mapTo(Long.class).list();
    }
}
