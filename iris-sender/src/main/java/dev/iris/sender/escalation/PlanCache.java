package dev.iris.sender.escalation;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans by id. Plan versions are immutable (editing a plan creates a new version), so a loaded
 * plan never goes stale and is kept for the life of the process.
 */
public final class PlanCache
{
    private final Map<Long, Plan> plans = new ConcurrentHashMap<>();

    public Plan get(Handle handle, long planId)
    {
        Plan cached = plans.get(planId);
        if (cached != null) {
            return cached;
        }
        Plan loaded = load(handle, planId);
        plans.put(planId, loaded);
        return loaded;
    }

    private static Plan load(Handle handle, long planId)
    {
        List<PlanNotification> notifications = handle.createQuery("""
                        SELECT pn.id, pn.step, pn.template, t.name AS target_name, r.name AS role_name, pn.priority_id,
                               pn.`repeat`, pn.`wait`, pn.optional, pn.dynamic_index, pn.countdown
                        FROM plan_notification pn
                        LEFT JOIN target t ON t.id = pn.target_id
                        LEFT JOIN target_role r ON r.id = pn.role_id
                        WHERE pn.plan_id = :plan
                        ORDER BY pn.step, pn.id""")
                .bind("plan", planId)
                .map((rs, ctx) -> new PlanNotification(
                        rs.getLong("id"),
                        rs.getInt("step"),
                        rs.getString("template"),
                        rs.getString("target_name"),
                        rs.getString("role_name"),
                        rs.getInt("priority_id"),
                        rs.getInt("repeat"),
                        rs.getInt("wait"),
                        rs.getBoolean("optional"),
                        rs.getObject("dynamic_index", Integer.class),
                        rs.getBoolean("countdown")))
                .list();
        return handle.createQuery("""
                        SELECT id, name, user_id, step_count, threshold_window, threshold_count, aggregation_window,
                               aggregation_reset, tracking_key, tracking_type, tracking_template
                        FROM plan WHERE id = :plan""")
                .bind("plan", planId)
                .map((rs, ctx) -> new Plan(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("user_id"),
                        rs.getInt("step_count"),
                        rs.getObject("threshold_window", Integer.class),
                        rs.getObject("threshold_count", Integer.class),
                        rs.getObject("aggregation_window", Integer.class),
                        rs.getObject("aggregation_reset", Integer.class),
                        rs.getString("tracking_key"),
                        rs.getString("tracking_type"),
                        rs.getString("tracking_template"),
                        notifications))
                .one();
    }
}
