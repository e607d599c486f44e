package dev.iris.api.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.common.http.IrisException;
import dev.iris.core.maintenance.MaintenanceDao;
import dev.iris.core.maintenance.MaintenanceService;
import dev.iris.core.maintenance.MaintenanceWindow;
import dev.iris.core.request.JsonBody;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/maintenance}: maintenance windows per application or per plan (not in Iris). Times
 * are unix seconds, as Iris's API writes them.
 */
@Path("/v0/maintenance")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class MaintenanceResource
{
    private static final String INVALID = "Invalid maintenance window";

    private final MaintenanceService maintenance;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    @Inject
    public MaintenanceResource(MaintenanceService maintenance, ObjectMapper objectMapper, Clock clock)
    {
        this.maintenance = requireNonNull(maintenance, "maintenance is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Windows in effect or ahead; {@code ?all=1} adds the ended ones (the last 200 in all).
     */
    @GET
    public List<Map<String, Object>> list(@QueryParam("all") String all)
    {
        Instant now = clock.instant();
        return maintenance.list("1".equals(all)).stream().map(window -> json(window, now)).toList();
    }

    /**
     * Opens a window: {@code {application | plan, start?, end | duration, reason, stop_paging?,
     * resume_at_end?}}; start and end in unix seconds, duration in seconds. 201 with the id.
     */
    @POST
    public Response open(@Auth Caller caller, String body)
    {
        String creator = caller.usernameIfAny().orElse(caller.requireApplication().name());
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        IrisException invalid = IrisException.badRequest(INVALID, "application, plan and reason are strings; start, end and duration are integers");
        Instant start = JsonBody.integer(request, "start", invalid).map(Instant::ofEpochSecond).orElse(null);
        Instant end = JsonBody.integer(request, "end", invalid).map(Instant::ofEpochSecond).orElse(null);
        if (end == null) {
            long duration = JsonBody.integer(request, "duration", invalid)
                    .orElseThrow(() -> IrisException.badRequest(INVALID, "Give an end (unix seconds) or a duration (seconds)"));
            end = (start == null ? clock.instant() : start).plusSeconds(duration);
        }
        long id = maintenance.open(new MaintenanceService.Request(
                JsonBody.text(request, "application", invalid).orElse(null),
                JsonBody.text(request, "plan", invalid).orElse(null),
                start, end,
                JsonBody.text(request, "reason", invalid).orElse(null),
                flag(request, "stop_paging", false),
                flag(request, "resume_at_end", true)), creator);
        return Requests.created("maintenance", id);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id)
    {
        long windowId = Requests.integerId(id, "Invalid maintenance window id");
        return maintenance.find(windowId)
                .map(window -> {
                    Map<String, Object> json = json(window, clock.instant());
                    json.put("events", maintenance.events(windowId).stream().map(MaintenanceResource::json).toList());
                    return Response.ok(json).build();
                })
                .orElseGet(() -> Response.status(404).entity(new dev.iris.common.http.ErrorBody("Maintenance window not found", "No maintenance window " + id)).build());
    }

    /**
     * Ends a window now (cancels one that has not started).
     */
    @POST
    @Path("/{id}/end")
    public Map<String, Object> end(@Auth Caller caller, @PathParam("id") String id)
    {
        String actor = caller.usernameIfAny().orElse(caller.requireApplication().name());
        long windowId = Requests.integerId(id, "Invalid maintenance window id");
        maintenance.end(windowId, actor);
        return json(maintenance.find(windowId).orElseThrow(), clock.instant());
    }

    private static boolean flag(JsonNode request, String field, boolean otherwise)
    {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong() != 0;
        }
        throw IrisException.badRequest(INVALID, field + " must be a boolean");
    }

    static Map<String, Object> json(MaintenanceWindow window, Instant now)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", window.id());
        json.put("application", window.application());
        json.put("plan", window.planName());
        json.put("start", window.startsAt().getEpochSecond());
        json.put("end", window.endsAt().getEpochSecond());
        json.put("reason", window.reason());
        json.put("creator", window.creator());
        json.put("stop_paging", window.stopPaging());
        json.put("resume_at_end", window.resumeAtEnd());
        json.put("status", window.status(now));
        json.put("created", window.created().getEpochSecond());
        return json;
    }

    private static Map<String, Object> json(MaintenanceDao.Event event)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", event.created().getEpochSecond());
        json.put("kind", event.kind());
        json.put("actor", event.actor());
        json.put("description", event.description());
        return json;
    }
}
