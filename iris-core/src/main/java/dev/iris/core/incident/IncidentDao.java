package dev.iris.core.incident;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * Incidents and the rows that go with them: dynamic targets, timeline events, escalation work,
 * comments, and the claim's effect on messages.
 */
public interface IncidentDao
{
    @SqlQuery("SELECT plan_id FROM plan_active WHERE name = :name")
    Optional<Long> findActivePlanId(@Bind("name") String planName);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> findApplicationId(@Bind("name") String name);

    /** Serializes the deduplication check of one application's concurrent creations. */
    @SqlQuery("SELECT id FROM application WHERE id = :id FOR UPDATE")
    Optional<Long> lockApplication(@Bind("id") long applicationId);

    @SqlQuery("SELECT name FROM template_variable WHERE application_id = :applicationId ORDER BY id")
    List<String> findVariables(@Bind("applicationId") long applicationId);

    @SqlQuery("SELECT COUNT(DISTINCT dynamic_index) FROM plan_notification WHERE plan_id = :planId")
    int countDynamicIndices(@Bind("planId") long planId);

    /** The role and the target of that name whose type the role accepts. */
    @SqlQuery("""
            SELECT r.id AS roleId, t.id AS targetId FROM target t JOIN target_role r ON r.type_id = t.type_id
            WHERE t.name = :target AND r.name = :role""")
    @RegisterConstructorMapper(RoleAndTarget.class)
    Optional<RoleAndTarget> findRoleAndTarget(@Bind("role") String role, @Bind("target") String target);

    /**
     * A dynamic target's row ids.
     */
    record RoleAndTarget(long roleId, long targetId) {}

    @SqlQuery("""
            SELECT EXISTS (
                SELECT 1 FROM plan_notification pn
                JOIN template t ON t.name = pn.template
                JOIN template_content c ON c.template_id = t.id
                WHERE pn.plan_id = :planId AND c.application_id = :applicationId)""")
    boolean planHasTemplateFor(@Bind("planId") long planId, @Bind("applicationId") long applicationId);

    /** The open incident absorbing repeats of this key: not resolved, and escalating or claimed. */
    @SqlQuery("""
            SELECT id FROM incident
            WHERE application_id = :applicationId AND dedup_key = :dedupKey AND resolved = 0
              AND (active = 1 OR owner_id IS NOT NULL)
            ORDER BY id DESC LIMIT 1 FOR UPDATE""")
    Optional<Long> findOpenByDedupKey(@Bind("applicationId") long applicationId, @Bind("dedupKey") String dedupKey);

    @SqlUpdate("UPDATE incident SET dedup_count = dedup_count + 1 WHERE id = :id")
    void countDuplicate(@Bind("id") long incidentId);

    @SqlUpdate("""
            INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active, dedup_key)
            VALUES (:planId, NOW(3), NOW(3), :context, :applicationId, 0, 1, :dedupKey)""")
    @GetGeneratedKeys("id")
    long insertIncident(@Bind("planId") long planId, @Bind("context") String context, @Bind("applicationId") long applicationId,
            @Bind("dedupKey") String dedupKey);

    @SqlUpdate("""
            INSERT INTO dynamic_plan_map (incident_id, dynamic_index, role_id, target_id)
            VALUES (:incidentId, :index, :roleId, :targetId)""")
    void insertDynamicTarget(@Bind("incidentId") long incidentId, @Bind("index") int index, @Bind("roleId") long roleId,
            @Bind("targetId") long targetId);

    @SqlUpdate("INSERT INTO escalation_work (incident_id, due_at) VALUES (:incidentId, NOW(3)) ON DUPLICATE KEY UPDATE due_at = NOW(3)")
    void scheduleEscalationNow(@Bind("incidentId") long incidentId);

    @SqlUpdate("DELETE FROM escalation_work WHERE incident_id = :incidentId")
    void deleteEscalationWork(@Bind("incidentId") long incidentId);

    @SqlUpdate("""
            INSERT INTO incident_event (incident_id, created, kind, actor, description)
            VALUES (:incidentId, NOW(3), :kind, :actor, :description)""")
    void insertEvent(@Bind("incidentId") long incidentId, @Bind("kind") String kind, @Bind("actor") String actor,
            @Bind("description") String description);

    @SqlQuery("SELECT id FROM incident WHERE id = :id FOR UPDATE")
    Optional<Long> lockIncident(@Bind("id") long incidentId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM incident WHERE id = :id)")
    boolean exists(@Bind("id") long incidentId);

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user' AND t.active = 1""")
    Optional<Long> findActiveUserId(@Bind("name") String name);

    @SqlUpdate("UPDATE incident SET active = 0, owner_id = :ownerId, updated = NOW(3) WHERE id = :id")
    void markClaimed(@Bind("id") long incidentId, @Bind("ownerId") long ownerId);

    @SqlUpdate("UPDATE incident SET active = 1, owner_id = NULL, updated = NOW(3) WHERE id = :id")
    void markUnclaimed(@Bind("id") long incidentId);

    @SqlUpdate("UPDATE message SET `status` = 'cancelled', active = 0 WHERE incident_id = :incidentId AND `status` = 'queued'")
    int cancelQueuedMessages(@Bind("incidentId") long incidentId);

    @SqlUpdate("UPDATE message SET active = 0 WHERE incident_id = :incidentId AND active = 1")
    int deactivateMessages(@Bind("incidentId") long incidentId);

    @SqlUpdate("UPDATE incident SET resolved = :resolved, updated = NOW(3) WHERE id = :id")
    void markResolved(@Bind("id") long incidentId, @Bind("resolved") boolean resolved);

    @SqlUpdate("UPDATE incident SET active = :active, updated = NOW(3) WHERE id = :id")
    void markActive(@Bind("id") long incidentId, @Bind("active") boolean active);

    @SqlQuery("SELECT owner_id FROM incident WHERE id = :id")
    Optional<Long> findOwnerId(@Bind("id") long incidentId);

    /**
     * What a claim and a resolve both do to the incident's paging, on an incident locked by the
     * caller: its queued messages cancelled and every message inactive, its escalation work gone.
     * Messages already being sent finish; a sender checks the incident under its lock before it
     * starts or retries one, so nothing starts sending after this commits.
     */
    default void stopPaging(long incidentId)
    {
        cancelQueuedMessages(incidentId);
        deactivateMessages(incidentId);
        deleteEscalationWork(incidentId);
    }

    /**
     * Resolves a locked incident and stops its paging (claims and resolves are the only things
     * that stop a page).
     */
    default void resolveAndStopPaging(long incidentId)
    {
        markResolved(incidentId, true);
        markActive(incidentId, false);
        stopPaging(incidentId);
    }

    @SqlUpdate("""
            INSERT INTO comment (incident_id, created, user_id, content)
            VALUES (:incidentId, NOW(3), :userId, :content)""")
    @GetGeneratedKeys("id")
    long insertComment(@Bind("incidentId") long incidentId, @Bind("userId") long userId, @Bind("content") String content);

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> findUserId(@Bind("name") String name);
}
