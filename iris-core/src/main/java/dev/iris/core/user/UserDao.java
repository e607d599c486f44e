package dev.iris.core.user;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's own settings: modes, time zone, overrides, reprioritization rules, teams, devices.
 */
public interface UserDao
{
    @SqlQuery("SELECT name, id FROM priority ORDER BY id")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Integer> priorityIds();

    @SqlQuery("SELECT name, id FROM mode ORDER BY id")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Integer> modeIds();

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> findApplicationId(@Bind("name") String name);

    @SqlQuery("""
            SELECT m.name FROM mode_template_override o JOIN mode m ON m.id = o.mode_id
            WHERE o.target_id = :userId ORDER BY m.id""")
    List<String> templateOverrides(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT a.name AS applicationName, m.name AS mode, c.name AS category
            FROM category_override o
            JOIN mode m ON m.id = o.mode_id
            JOIN notification_category c ON c.id = o.category_id
            JOIN application a ON a.id = c.application_id
            WHERE o.user_id = :userId
            ORDER BY a.name, c.name""")
    @RegisterConstructorMapper(UserDetails.CategoryOverrideSetting.class)
    List<UserDetails.CategoryOverrideSetting> categoryOverrideSettings(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT m.name AS mode, c.name AS category, a.name AS application
            FROM category_override o
            JOIN mode m ON m.id = o.mode_id
            JOIN notification_category c ON c.id = o.category_id
            JOIN application a ON a.id = c.application_id
            WHERE o.user_id = :userId AND (:application IS NULL OR a.name = :application)
            ORDER BY a.name, c.name""")
    @RegisterConstructorMapper(CategoryOverride.class)
    List<CategoryOverride> categoryOverrides(@Bind("userId") long userId, @Bind("application") String application);

    @SqlQuery("""
            SELECT p.name AS priority, m.name AS mode
            FROM target_mode tm
            JOIN priority p ON p.id = tm.priority_id
            JOIN mode m ON m.id = tm.mode_id
            WHERE tm.target_id = :userId
            ORDER BY p.id""")
    @KeyColumn("priority")
    @ValueColumn("mode")
    Map<String, String> globalModes(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT p.name AS priority, m.name AS mode
            FROM target_application_mode tam
            JOIN priority p ON p.id = tam.priority_id
            JOIN mode m ON m.id = tam.mode_id
            WHERE tam.target_id = :userId AND tam.application_id = :applicationId
            ORDER BY p.id""")
    @KeyColumn("priority")
    @ValueColumn("mode")
    Map<String, String> applicationModes(@Bind("userId") long userId, @Bind("applicationId") long applicationId);

    @SqlQuery("""
            SELECT a.name AS application, p.name AS priority, m.name AS mode
            FROM target_application_mode tam
            JOIN application a ON a.id = tam.application_id
            JOIN priority p ON p.id = tam.priority_id
            JOIN mode m ON m.id = tam.mode_id
            WHERE tam.target_id = :userId
            ORDER BY a.name, p.id""")
    @RegisterConstructorMapper(AppModeRow.class)
    List<AppModeRow> allApplicationModes(@Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO target_mode (target_id, priority_id, mode_id) VALUES (:userId, :priorityId, :modeId)
            ON DUPLICATE KEY UPDATE mode_id = VALUES(mode_id)""")
    void setGlobalMode(@Bind("userId") long userId, @Bind("priorityId") int priorityId, @Bind("modeId") int modeId);

    @SqlUpdate("DELETE FROM target_mode WHERE target_id = :userId AND priority_id = :priorityId")
    void deleteGlobalMode(@Bind("userId") long userId, @Bind("priorityId") int priorityId);

    @SqlUpdate("""
            INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id)
            VALUES (:userId, :applicationId, :priorityId, :modeId)
            ON DUPLICATE KEY UPDATE mode_id = VALUES(mode_id)""")
    void setApplicationMode(@Bind("userId") long userId, @Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId, @Bind("modeId") int modeId);

    @SqlUpdate("""
            DELETE FROM target_application_mode
            WHERE target_id = :userId AND application_id = :applicationId AND priority_id = :priorityId""")
    void deleteApplicationMode(@Bind("userId") long userId, @Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId);

    @SqlQuery("""
            SELECT registration_id AS registrationId, user_id AS userId, platform
            FROM device WHERE user_id = :userId ORDER BY id""")
    @RegisterConstructorMapper(UserDetails.Device.class)
    List<UserDetails.Device> devices(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT t.name FROM user_team ut JOIN target t ON t.id = ut.team_id
            WHERE ut.user_id = :userId ORDER BY t.name""")
    List<String> teams(@Bind("userId") long userId);

    @SqlQuery("SELECT name, value FROM user_setting WHERE user_id = :userId ORDER BY name")
    @KeyColumn("name")
    @ValueColumn("value")
    Map<String, String> settings(@Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO user_setting (user_id, name, value) VALUES (:userId, :name, :value)
            ON DUPLICATE KEY UPDATE value = VALUES(value)""")
    void setSetting(@Bind("userId") long userId, @Bind("name") String name, @Bind("value") String value);

    @SqlUpdate("""
            INSERT IGNORE INTO mode_template_override (target_id, mode_id)
            SELECT :userId, id FROM mode WHERE name = :mode""")
    void addTemplateOverride(@Bind("userId") long userId, @Bind("mode") String mode);

    @SqlUpdate("""
            DELETE o FROM mode_template_override o JOIN mode m ON m.id = o.mode_id
            WHERE o.target_id = :userId AND m.name = :mode""")
    void removeTemplateOverride(@Bind("userId") long userId, @Bind("mode") String mode);

    @SqlQuery("""
            SELECT t.name AS target, src.name AS srcMode, dst.name AS dstMode, r.`count`, r.duration
            FROM target_reprioritization r
            JOIN target t ON t.id = r.target_id
            JOIN mode src ON src.id = r.src_mode_id
            JOIN mode dst ON dst.id = r.dst_mode_id
            WHERE r.target_id = :userId
            ORDER BY src.id""")
    @RegisterConstructorMapper(ReprioritizationRule.class)
    List<ReprioritizationRule> reprioritizationRules(@Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO target_reprioritization (target_id, src_mode_id, dst_mode_id, `count`, duration)
            VALUES (:userId, :srcModeId, :dstModeId, :count, :duration)
            ON DUPLICATE KEY UPDATE dst_mode_id = VALUES(dst_mode_id), `count` = VALUES(`count`), duration = VALUES(duration)""")
    void setReprioritizationRule(@Bind("userId") long userId, @Bind("srcModeId") int srcModeId, @Bind("dstModeId") int dstModeId,
            @Bind("count") int count, @Bind("duration") int duration);

    @SqlUpdate("""
            DELETE r FROM target_reprioritization r JOIN mode m ON m.id = r.src_mode_id
            WHERE r.target_id = :userId AND m.name = :srcMode""")
    int deleteReprioritizationRule(@Bind("userId") long userId, @Bind("srcMode") String srcMode);

    @SqlQuery("""
            SELECT c.name, c.id FROM notification_category c JOIN application a ON a.id = c.application_id
            WHERE a.name = :application""")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Long> categoryIds(@Bind("application") String application);

    @SqlUpdate("""
            INSERT INTO category_override (user_id, category_id, mode_id) VALUES (:userId, :categoryId, :modeId)
            ON DUPLICATE KEY UPDATE mode_id = VALUES(mode_id)""")
    void setCategoryOverride(@Bind("userId") long userId, @Bind("categoryId") long categoryId, @Bind("modeId") int modeId);

    @SqlUpdate("DELETE FROM category_override WHERE user_id = :userId AND category_id = :categoryId")
    void deleteCategoryOverride(@Bind("userId") long userId, @Bind("categoryId") long categoryId);

    @SqlUpdate("""
            DELETE o FROM category_override o
            JOIN notification_category c ON c.id = o.category_id
            JOIN application a ON a.id = c.application_id
            WHERE o.user_id = :userId AND a.name = :application""")
    int deleteCategoryOverrides(@Bind("userId") long userId, @Bind("application") String application);

    @SqlQuery("""
            SELECT EXISTS (
                SELECT 1 FROM mailing_list_membership mlm
                JOIN target ml ON ml.id = mlm.list_id
                JOIN target_type tt ON tt.id = ml.type_id AND tt.name = 'mailing-list'
                JOIN target member ON member.id = mlm.user_id
                WHERE member.name = :user AND ml.name IN (<lists>))""")
    boolean isMemberOfAny(@Bind("user") String user, @BindList("lists") List<String> lists);
}
