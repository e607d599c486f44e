package dev.iris.api.simulate;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/**
 * Read-only queries for plan simulation: the plan, its notifications and how each person would be
 * contacted. Who a role reaches comes from {@link dev.iris.core.target.RoleMembers}. Nothing here
 * writes.
 */
public interface SimulationDao
{
    record ActivePlan(long id, String name, long creatorId, String creator) {}

    record PlanStep(long id, int step, int repeat, int waitSeconds, boolean optional, String template, Integer dynamicIndex,
            String role, String target, Long targetId, int priorityId, String priority, boolean countdown) {}

    @SqlQuery("""
            SELECT p.id, p.name, p.user_id AS creatorId, t.name AS creator
            FROM plan_active pa
            JOIN plan p ON p.id = pa.plan_id
            JOIN target t ON t.id = p.user_id
            WHERE pa.name = :name""")
    @RegisterConstructorMapper(ActivePlan.class)
    Optional<ActivePlan> activePlan(@Bind("name") String name);

    @SqlQuery("""
            SELECT pn.id, pn.step, pn.`repeat` AS `repeat`, pn.`wait` AS waitSeconds, pn.optional, pn.template,
                   pn.dynamic_index AS dynamicIndex, r.name AS role, t.name AS target, pn.target_id AS targetId,
                   pr.id AS priorityId, pr.name AS priority, pn.countdown
            FROM plan_notification pn
            JOIN priority pr ON pr.id = pn.priority_id
            LEFT JOIN target_role r ON r.id = pn.role_id
            LEFT JOIN target t ON t.id = pn.target_id
            WHERE pn.plan_id = :planId
            ORDER BY pn.step, pn.id""")
    @RegisterConstructorMapper(PlanStep.class)
    List<PlanStep> steps(@Bind("planId") long planId);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> applicationId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM priority WHERE name = 'low'")
    Optional<Integer> lowPriority();

    @SqlQuery("""
            SELECT m.name FROM target_application_mode x JOIN mode m ON m.id = x.mode_id
            WHERE x.target_id = :userId AND x.application_id = :applicationId AND x.priority_id = :priorityId""")
    Optional<String> userApplicationMode(@Bind("userId") long userId, @Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId);

    @SqlQuery("""
            SELECT m.name FROM default_application_mode x JOIN mode m ON m.id = x.mode_id
            WHERE x.application_id = :applicationId AND x.priority_id = :priorityId""")
    Optional<String> applicationDefaultMode(@Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId);

    @SqlQuery("""
            SELECT m.name FROM target_mode x JOIN mode m ON m.id = x.mode_id
            WHERE x.target_id = :userId AND x.priority_id = :priorityId""")
    Optional<String> userMode(@Bind("userId") long userId, @Bind("priorityId") int priorityId);

    @SqlQuery("SELECT m.name FROM priority p JOIN mode m ON m.id = p.mode_id WHERE p.id = :priorityId")
    Optional<String> priorityMode(@Bind("priorityId") int priorityId);

    @SqlQuery("""
            SELECT m.name FROM application_mode am JOIN mode m ON m.id = am.mode_id
            WHERE am.application_id = :applicationId""")
    List<String> applicationModes(@Bind("applicationId") long applicationId);

    @SqlQuery("""
            SELECT tc.destination FROM target_contact tc JOIN mode m ON m.id = tc.mode_id
            WHERE tc.target_id = :userId AND m.name = :mode AND tc.disabled = 0""")
    Optional<String> contact(@Bind("userId") long userId, @Bind("mode") String mode);

    /**
     * The active users among these names (what a page can reach), as role members.
     */
    @SqlQuery("""
            SELECT t.id, t.name FROM target t JOIN `user` u ON u.target_id = t.id
            WHERE t.name IN (<names>) AND t.active = 1""")
    @RegisterConstructorMapper(dev.iris.core.target.RoleMembers.Member.class)
    List<dev.iris.core.target.RoleMembers.Member> activeUsers(@BindList("names") java.util.Collection<String> names);
}
