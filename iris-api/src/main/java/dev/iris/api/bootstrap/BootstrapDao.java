package dev.iris.api.bootstrap;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/**
 * The rows a first deployment needs: Iris's own applications and the first admin.
 */
public interface BootstrapDao
{
    @SqlQuery("SELECT COUNT(*) > 0 FROM application WHERE name = :name")
    boolean applicationExists(@Bind("name") String name);

    @SqlUpdate("""
            INSERT INTO application (name, `key`, allow_authenticating_users)
            VALUES (:name, :key, :allowAuthenticatingUsers)""")
    @GetGeneratedKeys("id")
    long insertApplication(@Bind("name") String name, @Bind("key") String key, @Bind("allowAuthenticatingUsers") boolean allowAuthenticatingUsers);

    @SqlUpdate("""
            INSERT INTO application_mode (application_id, mode_id)
            SELECT :applicationId, id FROM mode WHERE name <> 'drop'""")
    void allowAllModesButDrop(@Bind("applicationId") long applicationId);

    /**
     * Whether a user of that name exists, and if so whether they are an admin.
     */
    @SqlQuery("""
            SELECT u.admin FROM `user` u JOIN target t ON t.id = u.target_id
            JOIN target_type tt ON tt.id = t.type_id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Boolean> userIsAdmin(@Bind("name") String name);

    @SqlQuery("SELECT COUNT(*) > 0 FROM target WHERE name = :name")
    boolean targetExists(@Bind("name") String name);

    @SqlUpdate("INSERT INTO target (name, type_id, active) SELECT :name, id, 1 FROM target_type WHERE name = 'user'")
    @GetGeneratedKeys("id")
    long insertUserTarget(@Bind("name") String name);

    @SqlUpdate("""
            INSERT INTO `user` (target_id, admin, password_hash, password_change_required)
            VALUES (:id, 1, :hash, 1)""")
    void insertAdmin(@Bind("id") long targetId, @Bind("hash") String bcryptHash);

    @SqlUpdate("""
            UPDATE `user` u JOIN target t ON t.id = u.target_id SET u.admin = 1
            WHERE t.name = :name""")
    void makeAdmin(@Bind("name") String name);

    @SqlUpdate("""
            INSERT INTO target_contact (target_id, mode_id, destination)
            SELECT :id, m.id, :destination FROM mode m WHERE m.name = :mode""")
    int insertContact(@Bind("id") long targetId, @Bind("mode") String mode, @Bind("destination") String destination);
}
