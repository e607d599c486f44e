package dev.iris.core.people;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * The statements of {@link DatabasePeople}. Every write is an upsert (or an {@code INSERT IGNORE}),
 * so two senders running a directory sync at once converge on the same rows.
 */
interface PeopleSyncDao
{
    @SqlQuery("SELECT id FROM mode WHERE name = :name")
    Optional<Integer> modeId(@Bind("name") String name);

    // An existing target of that name and type is activated again.
    @SqlUpdate("""
            INSERT INTO target (name, type_id)
            SELECT :name, id FROM target_type WHERE name = :type
            ON DUPLICATE KEY UPDATE active = 1""")
    void upsertTarget(@Bind("name") String name, @Bind("type") String type);

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id
            WHERE t.name = :name AND tt.name = :type""")
    long targetId(@Bind("name") String name, @Bind("type") String type);

    @SqlUpdate("INSERT IGNORE INTO `user` (target_id) VALUES (:id)")
    void insertUser(@Bind("id") long id);

    // A changed address clears the "disabled" mark (a STOP for the old number does not apply).
    @SqlUpdate("""
            INSERT INTO target_contact (target_id, mode_id, destination) VALUES (:targetId, :modeId, :destination)
            ON DUPLICATE KEY UPDATE
                disabled = IF(destination = VALUES(destination), disabled, 0),
                destination = VALUES(destination)""")
    void upsertContact(@Bind("targetId") long targetId, @Bind("modeId") int modeId, @Bind("destination") String destination);

    @SqlQuery("""
            SELECT t.name FROM target t JOIN target_type tt ON tt.id = t.type_id
            WHERE tt.name = 'user' AND t.active = 1""")
    List<String> activeUserNames();

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id
            WHERE tt.name = 'user' AND t.active = 1 AND t.name IN (<names>)""")
    List<Long> activeUserIds(@BindList("names") List<String> names);

    @SqlUpdate("""
            UPDATE target t JOIN target_type tt ON tt.id = t.type_id SET t.active = 0
            WHERE tt.name = 'user' AND t.name IN (<names>)""")
    void deactivateUsers(@BindList("names") List<String> names);

    @SqlUpdate("INSERT IGNORE INTO team (target_id) VALUES (:id)")
    void insertTeam(@Bind("id") long id);

    @SqlUpdate("UPDATE team SET manager_id = :managerId WHERE target_id = :teamId")
    void setTeamManager(@Bind("teamId") long teamId, @Bind("managerId") Long managerId);

    @SqlQuery("SELECT user_id FROM user_team WHERE team_id = :teamId")
    List<Long> teamMembers(@Bind("teamId") long teamId);

    @SqlUpdate("INSERT IGNORE INTO user_team (user_id, team_id) VALUES (:userId, :teamId)")
    void addTeamMember(@Bind("teamId") long teamId, @Bind("userId") long userId);

    @SqlUpdate("DELETE FROM user_team WHERE team_id = :teamId AND user_id IN (<userIds>)")
    void removeTeamMembers(@Bind("teamId") long teamId, @BindList("userIds") List<Long> userIds);

    @SqlUpdate("""
            INSERT INTO mailing_list (target_id, `count`) VALUES (:id, :count)
            ON DUPLICATE KEY UPDATE `count` = VALUES(`count`)""")
    void upsertMailingList(@Bind("id") long id, @Bind("count") int count);

    @SqlQuery("SELECT user_id FROM mailing_list_membership WHERE list_id = :listId")
    List<Long> listMembers(@Bind("listId") long listId);

    @SqlUpdate("INSERT IGNORE INTO mailing_list_membership (list_id, user_id) VALUES (:listId, :userId)")
    void addListMember(@Bind("listId") long listId, @Bind("userId") long userId);

    @SqlUpdate("DELETE FROM mailing_list_membership WHERE list_id = :listId AND user_id IN (<userIds>)")
    void removeListMembers(@Bind("listId") long listId, @BindList("userIds") List<Long> userIds);
}
