package dev.iris.core.plan;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * Plans, their versions' steps and the active pointer by name.
 */
public interface PlanDao
{
    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> findUserId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM priority WHERE name = :name")
    Optional<Long> findPriorityId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM target_role WHERE name = :name")
    Optional<Long> findRoleId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM mode WHERE name = :name")
    Optional<Long> findModeId(@Bind("name") String name);

    /**
     * Whether a template of this name has an active version. Iris's foreign key from a step to
     * template_active; the shared lock keeps the template from being deactivated until the plan
     * is written, as the foreign key would.
     */
    @SqlQuery("SELECT COUNT(*) > 0 FROM template_active WHERE name = :name LOCK IN SHARE MODE")
    boolean templateIsActive(@Bind("name") String name);

    /** The roles whose target type matches some target of this name. */
    @SqlQuery("""
            SELECT r.id FROM target_role r JOIN target t ON t.type_id = r.type_id
            WHERE t.name = :target""")
    List<Long> findRolesAllowedFor(@Bind("target") String target);

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_role r ON r.type_id = t.type_id
            WHERE t.name = :target AND r.id = :roleId""")
    Optional<Long> findTargetForRole(@Bind("target") String target, @Bind("roleId") long roleId);

    @SqlUpdate("""
            INSERT INTO plan (name, created, user_id, description, step_count, threshold_window, threshold_count,
                              aggregation_window, aggregation_reset, tracking_key, tracking_type, tracking_template)
            VALUES (:name, NOW(3), :userId, :description, :stepCount, :thresholdWindow, :thresholdCount,
                    :aggregationWindow, :aggregationReset, :trackingKey, :trackingType, :trackingTemplate)""")
    @GetGeneratedKeys("id")
    long insertPlan(@Bind("name") String name, @Bind("userId") long userId, @Bind("description") String description,
            @Bind("stepCount") int stepCount, @Bind("thresholdWindow") Long thresholdWindow, @Bind("thresholdCount") Long thresholdCount,
            @Bind("aggregationWindow") Long aggregationWindow, @Bind("aggregationReset") Long aggregationReset,
            @Bind("trackingKey") String trackingKey, @Bind("trackingType") String trackingType, @Bind("trackingTemplate") String trackingTemplate);

    @SqlUpdate("""
            INSERT INTO plan_notification (plan_id, step, template, target_id, role_id, priority_id, `repeat`, `wait`, optional, dynamic_index, countdown)
            VALUES (:planId, :step, :template, :targetId, :roleId, :priorityId, :repeat, :wait, :optional, :dynamicIndex, :countdown)""")
    void insertNotification(@Bind("planId") long planId, @Bind("step") int step, @Bind("template") String template,
            @Bind("targetId") Long targetId, @Bind("roleId") Long roleId, @Bind("priorityId") long priorityId,
            @Bind("repeat") long repeat, @Bind("wait") long wait, @Bind("optional") boolean optional, @Bind("dynamicIndex") Long dynamicIndex,
            @Bind("countdown") boolean countdown);

    @SqlUpdate("""
            INSERT INTO plan_active (name, plan_id) SELECT name, id FROM plan WHERE id = :planId
            ON DUPLICATE KEY UPDATE plan_id = VALUES(plan_id)""")
    int activate(@Bind("planId") long planId);

    @SqlUpdate("DELETE FROM plan_active WHERE plan_id = :planId")
    int deactivate(@Bind("planId") long planId);

    @SqlQuery("SELECT name FROM plan WHERE id = :id")
    Optional<String> findName(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM plan WHERE name = :name)")
    boolean nameExists(@Bind("name") String name);

    @SqlQuery("""
            SELECT a.name FROM application_quota q JOIN application a ON a.id = q.application_id
            WHERE q.plan_name = :name ORDER BY a.name LIMIT 1""")
    Optional<String> findQuotaApplication(@Bind("name") String planName);

    @SqlQuery("SELECT COUNT(*) FROM incident WHERE plan_id IN (SELECT id FROM plan WHERE name = :name)")
    long countIncidents(@Bind("name") String planName);

    @SqlUpdate("DELETE FROM plan_active WHERE name = :name")
    void deleteActive(@Bind("name") String planName);

    @SqlUpdate("DELETE FROM plan_notification WHERE plan_id IN (SELECT id FROM plan WHERE name = :name)")
    void deleteNotifications(@Bind("name") String planName);

    @SqlUpdate("DELETE FROM plan WHERE name = :name")
    void deletePlans(@Bind("name") String planName);
}
