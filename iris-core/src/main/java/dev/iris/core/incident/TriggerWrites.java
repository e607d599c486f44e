package dev.iris.core.incident;

import dev.iris.core.maintenance.MaintenanceService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The statements of a new incident's common path, as plain JDBC on the transaction's connection:
 * Jdbi's statement objects cost more client CPU than some of these statements (bench/README.md).
 * The same SQL as {@link IncidentDao}'s. Used by a trigger written alone ({@link IncidentService})
 * and by a group of triggers written together ({@link TriggerGroups}).
 */
final class TriggerWrites
{
    /**
     * The active plan and the application by name (each null when there is none), the plan's
     * number of dynamic targets, and whether it has template content for the application: the
     * checks of {@link IncidentDao#findActivePlanId}, {@link IncidentDao#findApplicationId},
     * {@link IncidentDao#countDynamicIndices} and {@link IncidentDao#planHasTemplateFor} in one
     * statement, and whether a maintenance window may cover the new incident (then
     * {@link MaintenanceService#silenceNew} decides).
     */
    private static final String LOOKUP = """
            SELECT p.plan_id, a.id AS application_id,
                   (SELECT COUNT(DISTINCT dynamic_index) FROM plan_notification WHERE plan_id = p.plan_id) AS dynamic_count,
                   EXISTS (SELECT 1 FROM plan_notification pn
                           JOIN template t ON t.name = pn.template
                           JOIN template_content c ON c.template_id = t.id
                           WHERE pn.plan_id = p.plan_id AND c.application_id = a.id) AS has_template,
                   (SELECT w.id FROM maintenance_window w
                    WHERE w.starts_at <= NOW(3) AND w.ends_at > NOW(3) AND (w.application_id = a.id OR w.plan_name = p.name)
                    LIMIT 1) AS window_id
            FROM (SELECT 1 AS one) x
            LEFT JOIN plan_active p ON p.name = ?
            LEFT JOIN application a ON a.name = ?""";

    private static final String INSERT_INCIDENT = """
            INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active, dedup_key)
            VALUES (?, NOW(3), NOW(3), ?, ?, 0, 1, ?)""";
    private static final String INSERT_CREATED_EVENT = """
            INSERT INTO incident_event (incident_id, created, kind, actor, description)
            VALUES (?, NOW(3), 'created', ?, '')""";
    private static final String SCHEDULE_ESCALATION_NOW = """
            INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3)) ON DUPLICATE KEY UPDATE due_at = NOW(3)""";

    private TriggerWrites() {}

    /**
     * What {@link #LOOKUP} found for a plan name and an application name.
     */
    record Lookup(Long planId, Long applicationId, int dynamicCount, boolean hasTemplate, boolean maybeInMaintenance)
    {
        /**
         * Whether a trigger of this plan and application needs nothing but the common path's
         * three rows: both exist, the plan has template content for the application, no dynamic
         * targets, and no maintenance window may cover it.
         */
        boolean plain()
        {
            return planId != null && applicationId != null && dynamicCount == 0 && hasTemplate && !maybeInMaintenance;
        }
    }

    static Lookup lookup(Handle handle, String planName, String application)
    {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(LOOKUP)) {
            statement.setString(1, planName);
            statement.setString(2, application);
            try (ResultSet rs = statement.executeQuery()) {
                // The lookup selects from a one-row table: it always has exactly one row.
                if (!rs.next()) {
                    throw new IllegalStateException("the trigger lookup returned no row");
                }
                return new Lookup(nullableLong(rs, "plan_id"), nullableLong(rs, "application_id"), rs.getInt("dynamic_count"),
                        rs.getBoolean("has_template"), nullableLong(rs, "window_id") != null);
            }
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Inserts one incident and returns its id. One statement per incident, also in a group: the
     * ids of a multi-row insert are consecutive only under some auto-increment lock modes.
     */
    static long insertIncident(Handle handle, long planId, String context, long applicationId, String dedupKey)
    {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_INCIDENT, Statement.RETURN_GENERATED_KEYS)) {
            statement.setLong(1, planId);
            statement.setString(2, context);
            statement.setLong(3, applicationId);
            if (dedupKey == null) {
                statement.setNull(4, Types.VARCHAR);
            }
            else {
                statement.setString(4, dedupKey);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("the new incident has no id");
                }
                return keys.getLong(1);
            }
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The {@code created} event of each incident, {@code actors} in the same order.
     */
    static void insertCreatedEvents(Handle handle, List<Long> incidentIds, List<String> actors)
    {
        executeForEach(handle, INSERT_CREATED_EVENT, incidentIds.size(), (statement, i) -> {
            statement.setLong(1, incidentIds.get(i));
            statement.setString(2, actors.get(i));
        });
    }

    /**
     * Escalation work due now for each incident: the sender picks them up at its next look.
     */
    static void scheduleEscalationsNow(Handle handle, List<Long> incidentIds)
    {
        executeForEach(handle, SCHEDULE_ESCALATION_NOW, incidentIds.size(), (statement, i) -> statement.setLong(1, incidentIds.get(i)));
    }

    private interface RowBinder
    {
        void bind(PreparedStatement statement, int row)
                throws SQLException;
    }

    /**
     * Runs {@code sql} for each of {@code rows} rows: one row as a plain statement, more as a
     * batch, which the driver sends as one multi-row insert ({@code rewriteBatchedStatements})
     * from four rows on.
     */
    private static void executeForEach(Handle handle, String sql, int rows, RowBinder binder)
    {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            if (rows == 1) {
                binder.bind(statement, 0);
                statement.executeUpdate();
                return;
            }
            for (int row = 0; row < rows; row++) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * A failed statement as Jdbi reports one: the transaction runner retries on its SQLState
     * (deadlocks) and the error mappers read its cause (database unavailable: 503).
     */
    private static UnableToExecuteStatementException failed(SQLException e)
    {
        return new UnableToExecuteStatementException(e, null);
    }

    private static Long nullableLong(ResultSet rs, String column)
            throws SQLException
    {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
