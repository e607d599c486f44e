package dev.iris.core.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationCache;
import dev.iris.core.maintenance.MaintenanceService;
import dev.iris.db.Database;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens incidents: the one place that writes a new incident, for {@code POST /v0/incidents},
 * webhooks and incidents by email. Iris's rules and error texts apply; an optional deduplication
 * key folds repeats into the open incident that already carries it.
 */
public final class IncidentService
{
    /** Iris's title when the plan has no template content for the application. */
    public static final String NO_TEMPLATES = "No plan template actions exist for this app";

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;
    private final ApplicationCache applications;

    @Inject
    public IncidentService(Database database, ObjectMapper objectMapper, ApplicationCache applications)
    {
        // START TRANSACTION instead of autocommit off and on: a trigger storm runs this per incident.
        this.jdbi = requireNonNull(database, "database is null").explicitTransactionJdbi();
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.applications = requireNonNull(applications, "applications is null");
    }

    /**
     * Creates an incident of {@code application} on the active version of {@code planName}, or,
     * when {@code dedupKey} is not null and an open incident of that application already carries
     * it, counts a repeat on that incident instead.
     *
     * @param context the caller's context object (null for none); only the application's template
     *         variables are stored, missing ones as null
     * @param dynamicTargets role and target for each dynamic index of a dynamic plan, in order
     * @throws IrisException 404 when no active plan has that name, 400 for everything else Iris rejects
     */
    public IncidentCreation create(String application, String planName, JsonNode context, List<DynamicTarget> dynamicTargets, String dedupKey)
    {
        return create(application, planName, context, dynamicTargets, dedupKey, false);
    }

    /**
     * Creates an incident as {@link #create} does, but stores the whole context whatever the
     * application's variables: Iris does so for incidents opened by email ({@code body},
     * {@code email}, {@code subject}, {@code sender}).
     */
    public IncidentCreation createWithWholeContext(String application, String planName, JsonNode context, String dedupKey)
    {
        return create(application, planName, context, List.of(), dedupKey, true);
    }

    private IncidentCreation create(String application, String planName, JsonNode context, List<DynamicTarget> dynamicTargets, String dedupKey,
            boolean wholeContext)
    {
        requireNonNull(application, "application is null");
        requireNonNull(planName, "planName is null");
        requireNonNull(dynamicTargets, "dynamicTargets is null");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw IrisException.badRequest("Invalid incident", "context must be a JSON object");
        }
        if (dedupKey != null && dedupKey.length() > 255) {
            throw IrisException.badRequest("Invalid incident", "dedup_key is longer than 255 characters");
        }
        // The application's template variables as the authentication of this request just saw
        // them (Iris takes them from its application cache too); read outside the transaction so
        // a miss never holds two connections.
        Optional<ApplicationCache.Entry> known = wholeContext ? Optional.empty() : applications.find(application);
        return jdbi.inTransaction(handle -> {
            // One round trip for what the checks below need: a trigger storm runs this per incident.
            Lookup lookup = lookup(handle, planName, application);
            if (lookup.planId() == null) {
                throw IrisException.notFound("Plan not found", "No active plan named " + planName);
            }
            if (lookup.applicationId() == null) {
                throw IrisException.badRequest("Invalid application");
            }
            long planId = lookup.planId();
            long applicationId = lookup.applicationId();

            int dynamicCount = lookup.dynamicCount();
            List<IncidentDao.RoleAndTarget> dynamicRows = new ArrayList<>();
            if (dynamicCount > 0) {
                IncidentDao dao = handle.attach(IncidentDao.class);
                if (dynamicTargets.size() != dynamicCount) {
                    throw IrisException.badRequest("Invalid number of dynamic targets");
                }
                for (DynamicTarget dynamicTarget : dynamicTargets) {
                    dynamicRows.add(dao.findRoleAndTarget(dynamicTarget.role(), dynamicTarget.target())
                            .orElseThrow(() -> IrisException.badRequest("Invalid incident",
                                    "invalid role " + dynamicTarget.role() + " for target " + dynamicTarget.target())));
                }
            }

            String storedContext = wholeContext ? toJson(context) : filteredContext(context, variables(handle, known, applicationId));
            long contextSize = ContextSize.ofJson(storedContext);
            if (ContextSize.exceedsLimit(contextSize)) {
                throw IrisException.badRequest("Context too large. " + contextSize + " is larger than limit " + ContextSize.LIMIT);
            }
            if (!lookup.hasTemplate()) {
                throw IrisException.badRequest(NO_TEMPLATES);
            }

            if (dedupKey != null) {
                IncidentDao dao = handle.attach(IncidentDao.class);
                dao.lockApplication(applicationId);
                Optional<Long> existing = dao.findOpenByDedupKey(applicationId, dedupKey);
                if (existing.isPresent()) {
                    dao.countDuplicate(existing.get());
                    dao.insertEvent(existing.get(), "deduplicated", application, "Repeat with dedup_key " + dedupKey);
                    return new IncidentCreation(existing.get(), true);
                }
            }

            // The common path's statements in plain JDBC on the handle's connection (Jdbi's statement
            // objects cost more client CPU than some of these statements: bench/README.md); the
            // same SQL as IncidentDao's.
            long incidentId = insertIncident(handle, planId, storedContext, applicationId, dedupKey);
            for (int index = 0; index < dynamicRows.size(); index++) {
                handle.attach(IncidentDao.class).insertDynamicTarget(incidentId, index, dynamicRows.get(index).roleId(), dynamicRows.get(index).targetId());
            }
            insertCreatedEvent(handle, incidentId, application);
            // Inside a maintenance window the incident is recorded but pages nobody. The lookup
            // saw no window in effect: the common case needs no further statement for it.
            if (!lookup.maybeInMaintenance() || !MaintenanceService.silenceNew(handle, incidentId, applicationId, planId)) {
                scheduleEscalationNow(handle, incidentId);
            }
            return new IncidentCreation(incidentId, false);
        });
    }

    /**
     * The active plan and the application by name (each null when there is none), the plan's
     * number of dynamic targets, and whether it has template content for the application: the
     * checks of {@link IncidentDao#findActivePlanId}, {@link IncidentDao#findApplicationId},
     * {@link IncidentDao#countDynamicIndices} and {@link IncidentDao#planHasTemplateFor} in one
     * statement, and whether a maintenance window may cover the new incident (then
     * {@link MaintenanceService#silenceNew} decides, as before).
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

    private static final String VARIABLES = "SELECT name FROM template_variable WHERE application_id = :applicationId ORDER BY id";
    private static final String INSERT_INCIDENT = """
            INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active, dedup_key)
            VALUES (?, NOW(3), NOW(3), ?, ?, 0, 1, ?)""";
    private static final String INSERT_CREATED_EVENT = """
            INSERT INTO incident_event (incident_id, created, kind, actor, description)
            VALUES (?, NOW(3), 'created', ?, '')""";
    private static final String SCHEDULE_ESCALATION_NOW = """
            INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3)) ON DUPLICATE KEY UPDATE due_at = NOW(3)""";

    private record Lookup(Long planId, Long applicationId, int dynamicCount, boolean hasTemplate, boolean maybeInMaintenance) {}

    private static Lookup lookup(Handle handle, String planName, String application)
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

    private static long insertIncident(Handle handle, long planId, String context, long applicationId, String dedupKey)
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

    private static void insertCreatedEvent(Handle handle, long incidentId, String actor)
    {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_CREATED_EVENT)) {
            statement.setLong(1, incidentId);
            statement.setString(2, actor);
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void scheduleEscalationNow(Handle handle, long incidentId)
    {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(SCHEDULE_ESCALATION_NOW)) {
            statement.setLong(1, incidentId);
            statement.executeUpdate();
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

    /**
     * The cached variables when the cache holds this very application (the same id: not one
     * deleted and created again under its name meanwhile), else the database's.
     */
    private static List<String> variables(Handle handle, Optional<ApplicationCache.Entry> known, long applicationId)
    {
        if (known.isPresent() && known.get().id() == applicationId) {
            return known.get().variables();
        }
        return handle.createQuery(VARIABLES).bind("applicationId", applicationId).mapTo(String.class).list();
    }

    private String filteredContext(JsonNode context, List<String> variables)
    {
        ObjectNode filtered = objectMapper.createObjectNode();
        for (String variable : variables) {
            JsonNode value = context == null ? null : context.get(variable);
            filtered.set(variable, value == null ? NullNode.getInstance() : value);
        }
        return toJson(filtered);
    }

    private String toJson(JsonNode context)
    {
        try {
            return objectMapper.writeValueAsString(context == null || context.isNull() ? objectMapper.createObjectNode() : context);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
