package dev.iris.core.target;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups over targets (users, teams, mailing lists) and the reference tables around them.
 */
public interface TargetDao
{
    @SqlQuery("""
            SELECT t.id, t.name, t.active, u.admin
            FROM target t
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'user'
            JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name""")
    @RegisterConstructorMapper(UserTarget.class)
    Optional<UserTarget> findUser(@Bind("name") String name);

    @SqlQuery("""
            SELECT t.id, t.name, t.active, u.admin
            FROM target t
            JOIN `user` u ON u.target_id = t.id
            WHERE t.id = :id""")
    @RegisterConstructorMapper(UserTarget.class)
    Optional<UserTarget> findUserById(@Bind("id") long id);

    /**
     * A user by name, or by id when the value is all digits (Iris's {@code /v0/users/{username|id}}).
     */
    default Optional<UserTarget> findUserByNameOrId(String nameOrId)
    {
        if (!nameOrId.isEmpty() && nameOrId.length() < 19 && nameOrId.chars().allMatch(character -> character >= '0' && character <= '9')) {
            return findUserById(Long.parseLong(nameOrId));
        }
        return findUser(nameOrId);
    }

    @SqlQuery("""
            SELECT t.name
            FROM target t
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'user'
            JOIN `user` u ON u.target_id = t.id
            WHERE t.active = 1
            ORDER BY t.name""")
    List<String> activeUserNames();

    @SqlQuery("""
            SELECT m.name AS mode, tc.destination
            FROM target_contact tc
            JOIN mode m ON m.id = tc.mode_id
            WHERE tc.target_id = :targetId
            ORDER BY m.id""")
    @KeyColumn("mode")
    @ValueColumn("destination")
    Map<String, String> contacts(@Bind("targetId") long targetId);

    @SqlQuery("""
            SELECT DISTINCT name FROM target
            WHERE :prefix IS NULL OR name LIKE CONCAT(:prefix, '%')
            ORDER BY name""")
    List<String> names(@Bind("prefix") String escapedPrefix);

    @SqlQuery("""
            SELECT t.name FROM target t
            WHERE t.type_id = :typeId
              AND (:prefix IS NULL OR t.name LIKE CONCAT(:prefix, '%'))
              AND (:name IS NULL OR t.name = :name)
              AND (:filterNames = 0 OR t.name IN (<names>))
              AND (:active IS NULL OR t.active = :active)
            ORDER BY t.name""")
    List<String> namesOfType(
            @Bind("typeId") int typeId,
            @Bind("prefix") String escapedPrefix,
            @Bind("name") String name,
            @Bind("filterNames") boolean filterNames,
            @BindList(value = "names", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> names,
            @Bind("active") Boolean active);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM target WHERE name = :name)")
    boolean exists(@Bind("name") String name);

    @SqlQuery("SELECT id FROM target_type WHERE name = :name")
    Optional<Integer> findTypeId(@Bind("name") String name);

    @SqlQuery("""
            SELECT r.name, tt.name AS type
            FROM target_role r JOIN target_type tt ON tt.id = r.type_id
            ORDER BY r.id""")
    @RegisterConstructorMapper(TargetRole.class)
    List<TargetRole> roles();

    @SqlQuery("SELECT name FROM mode WHERE name <> 'drop' ORDER BY id")
    List<String> modesWithoutDrop();

    @SqlQuery("SELECT id FROM mode WHERE name = :name")
    Optional<Integer> findModeId(@Bind("name") String name);

    @SqlQuery("""
            SELECT p.id, p.name, m.name AS defaultMode
            FROM priority p JOIN mode m ON m.id = p.mode_id
            ORDER BY p.id""")
    @RegisterConstructorMapper(Priority.class)
    List<Priority> priorities();
}
