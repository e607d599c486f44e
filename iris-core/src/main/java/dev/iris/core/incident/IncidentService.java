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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens incidents: the one place that writes a new incident, for {@code POST /v0/incidents},
 * webhooks and incidents by email. Iris's rules and error texts apply; an optional deduplication
 * key folds repeats into the open incident that already carries it.
 *
 * <p>Common triggers (no deduplication key, no dynamic targets) that arrive together are
 * committed together ({@link TriggerGroups}); each caller still gets its answer only after its
 * own rows are committed. Everything else, and whatever a group hands back, is written alone.
 */
public final class IncidentService
{
    /** Iris's title when the plan has no template content for the application. */
    public static final String NO_TEMPLATES = "No plan template actions exist for this app";

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;
    private final ApplicationCache applications;
    // Package-private for tests that line up a group.
    final TriggerGroups groups;

    @Inject
    public IncidentService(Database database, ObjectMapper objectMapper, ApplicationCache applications)
    {
        // START TRANSACTION instead of autocommit off and on: a trigger storm runs this per incident.
        this.jdbi = requireNonNull(database, "database is null").explicitTransactionJdbi();
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.groups = new TriggerGroups(jdbi);
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
        if (dedupKey == null && dynamicTargets.isEmpty() && known.isPresent()) {
            // The common trigger: written together with the others that arrive meanwhile.
            String storedContext = filteredContext(context, known.get().variables());
            if (!ContextSize.exceedsLimit(ContextSize.ofJson(storedContext))) {
                Optional<IncidentCreation> created = groups.write(new TriggerGroups.PlainTrigger(application, known.get().id(), planName, storedContext));
                if (created.isPresent()) {
                    return created.get();
                }
            }
        }
        return createAlone(application, planName, context, dynamicTargets, dedupKey, wholeContext, known);
    }

    /**
     * One trigger in its own transaction, with every check in Iris's order.
     */
    private IncidentCreation createAlone(String application, String planName, JsonNode context, List<DynamicTarget> dynamicTargets, String dedupKey,
            boolean wholeContext, Optional<ApplicationCache.Entry> known)
    {
        return jdbi.inTransaction(handle -> {
            // One round trip for what the checks below need: a trigger storm runs this per incident.
            TriggerWrites.Lookup lookup = TriggerWrites.lookup(handle, planName, application);
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

            long incidentId = TriggerWrites.insertIncident(handle, planId, storedContext, applicationId, dedupKey);
            for (int index = 0; index < dynamicRows.size(); index++) {
                handle.attach(IncidentDao.class).insertDynamicTarget(incidentId, index, dynamicRows.get(index).roleId(), dynamicRows.get(index).targetId());
            }
            TriggerWrites.insertCreatedEvents(handle, List.of(incidentId), List.of(application));
            // Inside a maintenance window the incident is recorded but pages nobody. The lookup
            // saw no window in effect: the common case needs no further statement for it.
            if (!lookup.maybeInMaintenance() || !MaintenanceService.silenceNew(handle, incidentId, applicationId, planId)) {
                TriggerWrites.scheduleEscalationsNow(handle, List.of(incidentId));
            }
            return new IncidentCreation(incidentId, false);
        });
    }

    private static final String VARIABLES = "SELECT name FROM template_variable WHERE application_id = :applicationId ORDER BY id";

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
