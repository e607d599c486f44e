package dev.iris.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.query.FilterType;
import dev.iris.core.query.SearchParameters;
import dev.iris.core.query.SearchQuery;
import dev.iris.core.request.JsonBody;
import dev.iris.core.request.Names;
import dev.iris.core.template.JinjaTemplates;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Escalation plans: immutable versions with an active version per name. Creation follows Iris's
 * validation rules and error texts exactly.
 */
public final class PlanService
{
    /** Iris's cap on the total length of a plan (seconds). */
    private static final long MAX_PLAN_LENGTH_SECONDS = 86_400;

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;
    private final JinjaTemplates jinja;

    @Inject
    public PlanService(Jdbi jdbi, ObjectMapper objectMapper, JinjaTemplates jinja)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.jinja = requireNonNull(jinja, "jinja is null");
    }

    /**
     * {@code GET /v0/plans}.
     */
    public List<Map<String, Object>> search(SearchParameters parameters)
    {
        Optional<Integer> limit = parameters.takeLimit();
        List<String> fields = parameters.takeList("fields");
        Optional<Boolean> active = parameters.takeFlag("active");
        Map<String, List<String>> targetFilters = parameters.takeField("target");
        SearchQuery query = new SearchQuery(PlanSearch.FROM, SearchQuery.select(PlanSearch.COLUMNS, fields));
        active.ifPresent(isActive -> query.wherePresent("plan_active.plan_id", isActive));
        // Plans with a step aimed at a matching target name; Iris knows these four spellings.
        List<String> targetConditions = new ArrayList<>();
        targetFilters.forEach((key, values) -> {
            String operator = key.equals("target") ? "eq" : key.substring("target__".length());
            if (Set.of("eq", "contains", "startswith", "endswith").contains(operator)) {
                targetConditions.addAll(query.conditions("step_target.name", "target", FilterType.STRING, operator, values));
            }
        });
        if (!targetConditions.isEmpty()) {
            query.where("EXISTS (SELECT 1 FROM plan_notification step JOIN target step_target ON step_target.id = step.target_id "
                    + "WHERE step.plan_id = plan.id AND " + String.join(" AND ", targetConditions) + ")");
        }
        query.addFilters(parameters.remaining(), PlanSearch.FILTERS);
        query.limitNewestFirst(limit, "plan.created DESC, plan.id DESC", "plan.id");
        return jdbi.withHandle(handle -> query.execute(handle, objectMapper));
    }

    /**
     * {@code GET /v0/plans/{id|name}}: digits are an id (any version), otherwise the active version
     * of that name.
     */
    public Optional<Map<String, Object>> get(String idOrName)
    {
        return jdbi.withHandle(handle -> {
            SearchQuery query = new SearchQuery(PlanSearch.FROM, PlanSearch.DETAIL_COLUMNS);
            if (isDigits(idOrName)) {
                query.where("plan.id = " + query.bind(parseId(idOrName)));
            }
            else {
                query.where("plan.name = " + query.bind(idOrName));
                query.where("plan_active.plan_id IS NOT NULL");
            }
            List<Map<String, Object>> rows = query.execute(handle, objectMapper);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> plan = rows.get(0);
            plan.put("steps", steps(handle, ((Number) plan.get("id")).longValue()));
            return Optional.of(plan);
        });
    }

    /**
     * The plan's notifications grouped by step, in step order.
     */
    public List<List<Map<String, Object>>> steps(Handle handle, long planId)
    {
        SearchQuery query = new SearchQuery(PlanSearch.STEPS_FROM, PlanSearch.STEP_COLUMNS);
        query.where("pn.plan_id = " + query.bind(planId));
        query.orderBy("pn.step, pn.id");
        List<List<Map<String, Object>>> steps = new ArrayList<>();
        long currentStep = -1;
        for (Map<String, Object> notification : query.execute(handle, objectMapper)) {
            // Only countdown notifications say so: every other step keeps Iris's exact shape.
            if (!Integer.valueOf(1).equals(notification.get("countdown"))) {
                notification.remove("countdown");
            }
            long step = ((Number) notification.get("step")).longValue();
            if (step != currentStep) {
                steps.add(new ArrayList<>());
                currentStep = step;
            }
            steps.get(steps.size() - 1).add(notification);
        }
        return steps;
    }

    /**
     * {@code POST /v0/plans}: validates the body as Iris does, stores a new version and makes it the
     * active one for its name. {@code mayActAs} is Iris's acl_allowed for the creator.
     */
    public long create(JsonNode body, Predicate<String> mayActAs)
    {
        return create(body, mayActAs, null);
    }

    /**
     * Runs every check {@link #create} runs, the database's included, and stores nothing: the plan
     * is written in a transaction that is then rolled back. A dry run that passes means the same
     * create would pass now.
     *
     * @throws IrisException as {@link #create} would
     */
    public void validate(JsonNode body, Predicate<String> mayActAs)
    {
        preview(body, mayActAs, handle -> null);
    }

    /**
     * Creates the plan as the active version inside a transaction, lets {@code inspect} look at
     * the database as it would then be (a simulation of the draft), and rolls everything back.
     *
     * @throws IrisException as {@link #create} would
     */
    public <T> T preview(JsonNode body, Predicate<String> mayActAs, Function<Handle, T> inspect)
    {
        try {
            create(body, mayActAs, requireNonNull(inspect, "inspect is null"));
            throw new IllegalStateException("a preview must roll back");
        }
        catch (DryRunRollback rollback) {
            @SuppressWarnings("unchecked")
            T result = (T) rollback.result;
            return result;
        }
    }

    /**
     * Whether any version of a plan has this name (creating a "new" plan must not replace it).
     */
    public boolean nameTaken(String name)
    {
        return jdbi.withExtension(PlanDao.class, dao -> dao.nameExists(name));
    }

    /** Rolls a preview's transaction back, carrying what the preview found. */
    private static final class DryRunRollback
            extends RuntimeException
    {
        private final transient Object result;

        DryRunRollback(Object result)
        {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private long create(JsonNode body, Predicate<String> mayActAs, Function<Handle, ?> preview)
    {
        JsonNode nameNode = body.get("name");
        String name = nameNode == null || nameNode.isNull() ? "" : nameNode.isTextual() ? nameNode.asText().strip() : nameNode.toString();
        if (name.isEmpty()) {
            throw IrisException.badRequest("Invalid plan", "Empty plan name");
        }
        if (isDigits(name)) {
            throw IrisException.badRequest("Invalid plan", "Plan name cannot be a number");
        }
        if (name.length() > 255) {
            throw IrisException.badRequest("Invalid plan", "Plan name is longer than 255 characters");
        }
        Names.requirePrintable("A plan name", name);
        String creator = JsonBody.text(body, "creator", IrisException.badRequest("Invalid plan", "Plan must specify a creator"))
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> IrisException.badRequest("Invalid plan", "Plan must specify a creator"));
        if (!mayActAs.test(creator)) {
            throw IrisException.unauthorized("Invalid plan creator for authenticated app/user", null);
        }

        JsonNode trackingType = body.get("tracking_type");
        JsonNode trackingKey = body.get("tracking_key");
        JsonNode trackingTemplate = body.get("tracking_template");
        Optional<String> trackingError = jdbi.withExtension(PlanDao.class, dao ->
                TrackingSettings.validate(trackingType, trackingKey, trackingTemplate, mode -> dao.findModeId(mode).isPresent(), jinja));
        if (trackingError.isPresent()) {
            throw IrisException.badRequest("Invalid tracking template", trackingError.get());
        }
        boolean tracking = trackingType != null && !trackingType.isNull() && !trackingType.asText().isEmpty();
        if (tracking && (trackingType.asText().length() > 64 || trackingKey.asText().length() > 255)) {
            throw IrisException.badRequest("Invalid tracking template", "tracking_type or tracking_key is too long");
        }

        String description = JsonBody.text(body, "description", IrisException.badRequest("Invalid plan", "description must be a string")).orElse(null);
        if (description != null && description.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw IrisException.badRequest("Invalid plan", "description is longer than 65535 bytes");
        }
        Long thresholdWindow = optionalCount(body, "threshold_window");
        Long thresholdCount = optionalCount(body, "threshold_count");
        Long aggregationWindow = optionalCount(body, "aggregation_window");
        Long aggregationReset = optionalCount(body, "aggregation_reset");

        List<List<JsonNode>> steps = steps(body);
        Set<Long> dynamicIndices = new HashSet<>();
        long planLength = 0;
        for (List<JsonNode> step : steps) {
            long longest = 0;
            for (JsonNode notification : step) {
                JsonNode dynamicIndex = notification.get("dynamic_index");
                if (dynamicIndex != null && !dynamicIndex.isNull()) {
                    dynamicIndices.add(JsonBody.asInteger(dynamicIndex)
                            .orElseThrow(() -> IrisException.badRequest("Invalid plan", "Dynamic target numbers must span 0..n without gaps")));
                }
                // Iris's quirk: the length counts wait * count, and only the UI sends count.
                long wait = JsonBody.asInteger(notification.path("wait")).orElse(0L);
                long count = JsonBody.asInteger(notification.path("count")).orElse(0L);
                longest = Math.max(longest, wait * count);
            }
            planLength += longest;
        }
        for (long index = 0; index < dynamicIndices.size(); index++) {
            if (!dynamicIndices.contains(index)) {
                throw IrisException.badRequest("Invalid plan", "Dynamic target numbers must span 0..n without gaps");
            }
        }
        if (planLength > MAX_PLAN_LENGTH_SECONDS) {
            throw IrisException.badRequest("Invalid plan", "Plan length exceeds the 24 hour maximum");
        }

        String trackingTemplateText = tracking ? toJson(trackingTemplate) : null;
        return jdbi.inTransaction(handle -> {
            PlanDao dao = handle.attach(PlanDao.class);
            long creatorId = dao.findUserId(creator)
                    .orElseThrow(() -> IrisException.badRequest("Invalid plan", "Plan creator " + creator + " is not a user"));
            long planId = dao.insertPlan(name, creatorId, description, steps.size(), thresholdWindow, thresholdCount,
                    aggregationWindow, aggregationReset,
                    tracking ? trackingKey.asText() : null, tracking ? trackingType.asText() : null, trackingTemplateText);
            for (int index = 1; index <= steps.size(); index++) {
                insertStep(dao, planId, index, steps.get(index - 1));
            }
            dao.activate(planId);
            if (preview != null) {
                throw new DryRunRollback(preview.apply(handle));
            }
            return planId;
        });
    }

    private void insertStep(PlanDao dao, long planId, int index, List<JsonNode> notifications)
    {
        boolean onlyOptional = true;
        for (int position = 0; position < notifications.size(); position++) {
            JsonNode notification = notifications.get(position);
            int number = position + 1;
            // Iris says only "Invalid data for step N"; we also name the notification and the field.
            String where = "Step " + index + ", notification " + number + ": ";
            boolean optional = JsonBody.integer(notification, "optional", invalid(where + "optional must be 0 or 1")).orElse(0L) != 0;
            if (!optional) {
                onlyOptional = false;
            }
            String priorityName = notification.path("priority").asText("");
            long priorityId = dao.findPriorityId(priorityName)
                    .orElseThrow(() -> IrisException.badRequest("Invalid plan", "Priority not found for step " + index
                            + " (notification " + number + ": priority '" + priorityName + "')"));
            Long dynamicIndex = JsonBody.integer(notification, "dynamic_index", invalid(where + "dynamic_index must be an integer")).orElse(null);
            Long roleId = null;
            Long targetId = null;
            if (dynamicIndex == null) {
                String roleName = notification.path("role").asText("");
                roleId = dao.findRoleId(roleName)
                        .orElseThrow(() -> IrisException.badRequest("Invalid plan", "Role not found for step " + index
                                + " (notification " + number + ": role '" + roleName + "')"));
                JsonNode targetNode = notification.get("target");
                String target = targetNode == null || targetNode.isNull() ? null : targetNode.asText();
                List<Long> allowedRoles = target == null ? List.of() : dao.findRolesAllowedFor(target);
                if (allowedRoles.isEmpty()) {
                    throw IrisException.badRequest("Invalid plan", "Target " + target + " not found for step " + index
                            + " (notification " + number + ": target)");
                }
                if (!allowedRoles.contains(roleId)) {
                    throw IrisException.badRequest("Invalid role", "Role " + roleName + " is not appropriate for target " + target + " in step " + index);
                }
                targetId = dao.findTargetForRole(target, roleId).orElseThrow(() -> invalid(where + "target '" + target + "' cannot take role " + roleName));
            }
            // Iris's step refers to template_active by name (a foreign key): no active template, no plan.
            String template = JsonBody.text(notification, "template", invalid(where + "template must be a template name"))
                    .filter(value -> !value.isEmpty() && value.length() <= 255)
                    .orElseThrow(() -> invalid(where + "template is missing"));
            if (!dao.templateIsActive(template)) {
                throw invalid(where + "template '" + template + "' has no active version");
            }
            long repeat = JsonBody.integer(notification, "repeat", invalid(where + "repeat must be a whole number of extra rounds")).orElse(0L);
            long wait = JsonBody.integer(notification, "wait", invalid(where + "wait must be a whole number of seconds")).orElse(0L);
            if (!isUnsignedInt(repeat)) {
                throw invalid(where + "repeat must be between 0 and " + 0xFFFFFFFFL);
            }
            if (!isUnsignedInt(wait)) {
                throw invalid(where + "wait must be between 0 and " + 0xFFFFFFFFL + " seconds");
            }
            if (dynamicIndex != null && !isUnsignedInt(dynamicIndex)) {
                throw invalid(where + "dynamic_index must not be negative");
            }
            boolean countdown = JsonBody.integer(notification, "countdown", invalid(where + "countdown must be true or false")).orElse(0L) != 0;
            if (countdown && !"team".equals(notification.path("role").asText(""))) {
                // The countdown goes to one place the whole team reads: the team's chat channel.
                throw invalid(where + "a countdown notification needs role team (it posts to the team's chat channel)");
            }
            dao.insertNotification(planId, index, template, targetId, roleId, priorityId, repeat, wait, optional, dynamicIndex, countdown);
        }
        if (onlyOptional) {
            throw IrisException.badRequest("Invalid plan", "You must have at least one non-optional notification per step. Step " + index + " has none.");
        }
    }

    private static IrisException invalid(String description)
    {
        return IrisException.badRequest("Invalid plan", description);
    }

    private static List<List<JsonNode>> steps(JsonNode body)
    {
        JsonNode steps = body.get("steps");
        if (steps == null || steps.isNull()) {
            return List.of();
        }
        IrisException malformed = IrisException.badRequest("Invalid plan", "steps must be a list of steps, each a list of notifications");
        if (!steps.isArray()) {
            throw malformed;
        }
        List<List<JsonNode>> result = new ArrayList<>();
        for (JsonNode step : steps) {
            if (!step.isArray()) {
                throw malformed;
            }
            List<JsonNode> notifications = new ArrayList<>();
            for (JsonNode notification : step) {
                if (!notification.isObject()) {
                    throw malformed;
                }
                notifications.add(notification);
            }
            result.add(notifications);
        }
        return result;
    }

    private static Long optionalCount(JsonNode body, String field)
    {
        IrisException error = IrisException.badRequest("Invalid plan", field + " must be a non-negative integer");
        Optional<Long> value = JsonBody.integer(body, field, error);
        if (value.isPresent() && !isUnsignedInt(value.get())) {
            throw error;
        }
        return value.orElse(null);
    }

    /** Fits the schema's INT UNSIGNED columns. */
    private static boolean isUnsignedInt(long value)
    {
        return value >= 0 && value <= 0xFFFFFFFFL;
    }

    /**
     * {@code POST /v0/plans/{id}} with {@code {"active": 0|1}}.
     */
    public void setActive(long planId, boolean active)
    {
        jdbi.useTransaction(handle -> {
            PlanDao dao = handle.attach(PlanDao.class);
            if (dao.findName(planId).isEmpty()) {
                throw IrisException.badRequest("No plan matched", "No plan with id " + planId);
            }
            if (active) {
                dao.activate(planId);
            }
            else {
                dao.deactivate(planId);
            }
        });
    }

    /**
     * {@code DELETE /v0/plans/{id|name}}: every version of the name, unless an incident or a quota
     * uses it.
     */
    public void delete(String idOrName)
    {
        jdbi.useTransaction(handle -> {
            PlanDao dao = handle.attach(PlanDao.class);
            String name;
            if (isDigits(idOrName)) {
                name = parseIdIfFits(idOrName).flatMap(dao::findName).orElseThrow(() -> IrisException.badRequest("No plan matched"));
            }
            else {
                if (!dao.nameExists(idOrName)) {
                    throw IrisException.badRequest("No plan matched");
                }
                name = idOrName;
            }
            Optional<String> quotaApplication = dao.findQuotaApplication(name);
            if (quotaApplication.isPresent()) {
                throw IrisException.badRequest("Cannot delete this plan as the application " + quotaApplication.get() + " is using it for quota");
            }
            long incidents = dao.countIncidents(name);
            if (incidents > 0) {
                throw IrisException.badRequest("Cannot delete this plan as " + incidents + " incidents have been created using it");
            }
            dao.deleteActive(name);
            dao.deleteNotifications(name);
            dao.deletePlans(name);
        });
    }

    private String toJson(JsonNode node)
    {
        try {
            return objectMapper.writeValueAsString(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isDigits(String value)
    {
        return !value.isEmpty() && value.chars().allMatch(character -> character >= '0' && character <= '9');
    }

    private static long parseId(String digits)
    {
        return parseIdIfFits(digits).orElse(-1L);
    }

    private static Optional<Long> parseIdIfFits(String digits)
    {
        try {
            return Optional.of(Long.parseLong(digits));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
