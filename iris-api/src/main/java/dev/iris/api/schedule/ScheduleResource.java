package dev.iris.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.JsonBody;
import dev.iris.core.schedule.OnCall;
import dev.iris.core.schedule.ScheduleDao;
import dev.iris.core.schedule.ScheduleDocument;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.core.schedule.ScheduleService.ApplyResult;
import dev.iris.core.schedule.Segment;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/schedules}: the built-in on-call schedules (not in Iris v0; see docs/schedules.md).
 * Reads are public like Iris's; changes need an application HMAC and a team member, an admin, or
 * a trusted application. Times are unix seconds.
 */
@Path("/v0/schedules")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class ScheduleResource
{
    private static final Duration DEFAULT_TIMELINE = Duration.ofDays(28);

    private final ScheduleService schedules;
    private final ScheduleAccess access;
    private final IcalFeeds feeds;
    private final ObjectMapper objectMapper;

    @Inject
    public ScheduleResource(ScheduleService schedules, ScheduleAccess access, IcalFeeds feeds, ObjectMapper objectMapper)
    {
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.access = requireNonNull(access, "access is null");
        this.feeds = requireNonNull(feeds, "feeds is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public List<String> teams()
    {
        return schedules.scheduledTeams();
    }

    @GET
    @Path("/{team}")
    public ScheduleDocument export(@PathParam("team") String team)
    {
        return schedules.export(team);
    }

    @PUT
    @Path("/{team}")
    public ApplyResult apply(@Auth Caller caller, @PathParam("team") String team, @QueryParam("dry_run") String dryRun, String body)
    {
        String actor = access.requireEditor(caller, team);
        ScheduleDocument document;
        try {
            document = objectMapper.readValue(body == null || body.isBlank() ? "{}" : body, ScheduleDocument.class);
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest(ScheduleService.INVALID, "the body is not a schedule document: " + e.getOriginalMessage());
        }
        return schedules.apply(team, document, actor, dryRun != null && !dryRun.equals("0") && !dryRun.equals("false"));
    }

    /**
     * Who is on call now (or {@code at}), and who is next, for each role (or {@code role}).
     */
    @GET
    @Path("/{team}/oncall")
    public Map<String, Object> oncall(@PathParam("team") String team, @QueryParam("role") String role, @QueryParam("at") String at)
    {
        Instant instant = at == null ? schedules.now() : seconds(at, "at");
        OnCall onCall = schedules.onCall(team);
        Map<String, Object> roles = new LinkedHashMap<>();
        for (ScheduleRole scheduleRole : roles(onCall, role)) {
            List<Segment> ahead = onCall.timeline(scheduleRole, instant, instant.plus(Duration.ofDays(90)));
            Map<String, Object> answer = new LinkedHashMap<>();
            Segment current = ahead.get(0);
            answer.put("current", segment(current));
            answer.put("next", ahead.size() > 1 ? segment(ahead.get(1)) : null);
            roles.put(scheduleRole.wireName(), answer);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("team", team);
        result.put("at", instant.getEpochSecond());
        result.put("roles", roles);
        return result;
    }

    /**
     * Each role's segments over [start, end) (default: the next four weeks); {@code gap} marks a
     * stretch where the role is scheduled and nobody is on call.
     */
    @GET
    @Path("/{team}/timeline")
    public Map<String, Object> timeline(@PathParam("team") String team, @QueryParam("role") String role, @QueryParam("start") String start,
            @QueryParam("end") String end)
    {
        Instant from = start == null ? schedules.now() : seconds(start, "start");
        Instant to = end == null ? from.plus(DEFAULT_TIMELINE) : seconds(end, "end");
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(OnCall.MAX_WINDOW) > 0) {
            throw IrisException.badRequest("Invalid window", "end must be after start and within " + OnCall.MAX_WINDOW.toDays() + " days");
        }
        OnCall onCall = schedules.onCall(team);
        Map<String, Object> roles = new LinkedHashMap<>();
        for (ScheduleRole scheduleRole : roles(onCall, role)) {
            roles.put(scheduleRole.wireName(), onCall.timeline(scheduleRole, from, to).stream().map(ScheduleResource::segment).toList());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("team", team);
        result.put("start", from.getEpochSecond());
        result.put("end", to.getEpochSecond());
        result.put("roles", roles);
        return result;
    }

    @GET
    @Path("/{team}/overrides")
    public List<Map<String, Object>> overrides(@PathParam("team") String team)
    {
        return schedules.overrides(team).stream().map(row -> {
            Map<String, Object> override = new LinkedHashMap<>();
            override.put("id", row.id());
            override.put("role", row.role());
            override.put("user", row.user());
            override.put("replaces", row.replaced());
            override.put("start", row.startAt().getEpochSecond());
            override.put("end", row.endAt().getEpochSecond());
            override.put("created_by", row.createdBy());
            return override;
        }).toList();
    }

    /**
     * {@code {role, user, start, end, replaces?}}: user covers the role from start to end, for
     * the person named in replaces or for whoever is on call.
     */
    @POST
    @Path("/{team}/overrides")
    public Response addOverride(@Auth Caller caller, @PathParam("team") String team, String body)
    {
        String actor = access.requireEditor(caller, team);
        JsonNode request = JsonBody.parseObject(objectMapper, body);
        long id = schedules.addOverride(team, role(request), text(request, "user"), optionalText(request, "replaces"),
                seconds(request, "start"), seconds(request, "end"), actor);
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id)).build();
    }

    @DELETE
    @Path("/{team}/overrides/{id}")
    public List<Object> deleteOverride(@Auth Caller caller, @PathParam("team") String team, @PathParam("id") String id)
    {
        String actor = access.requireEditor(caller, team);
        schedules.deleteOverride(team, dev.iris.api.http.Requests.integerId(id, "Invalid override id"), actor);
        return List.of();
    }

    @GET
    @Path("/{team}/swaps")
    public List<Map<String, Object>> swaps(@PathParam("team") String team)
    {
        return schedules.swaps(team).stream().map(ScheduleResource::swap).toList();
    }

    /**
     * {@code {role, with, start, end, user?}}: the caller (or {@code user}, if the caller may act
     * for them) exchanges turns with {@code with}; pending until {@code with} accepts, unless an
     * admin asks.
     */
    @POST
    @Path("/{team}/swaps")
    public Response requestSwap(@Auth Caller caller, @PathParam("team") String team, String body)
    {
        caller.requireApplication();
        JsonNode request = JsonBody.parseObject(objectMapper, body);
        String requester = optionalText(request, "user");
        if (requester == null) {
            requester = caller.requireUsername();
        }
        if (!ScheduleAccess.mayActFor(caller, requester)) {
            throw IrisException.unauthorized("This user is not allowed to swap for " + requester, null);
        }
        long id = schedules.requestSwap(team, role(request), requester, text(request, "with"), seconds(request, "start"),
                seconds(request, "end"), ScheduleAccess.actor(caller), caller.admin());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id, "status", caller.admin() ? "accepted" : "pending")).build();
    }

    @POST
    @Path("/{team}/swaps/{id}/accept")
    public Map<String, Object> accept(@Auth Caller caller, @PathParam("team") String team, @PathParam("id") String id)
    {
        return answer(caller, team, id, true);
    }

    @POST
    @Path("/{team}/swaps/{id}/refuse")
    public Map<String, Object> refuse(@Auth Caller caller, @PathParam("team") String team, @PathParam("id") String id)
    {
        return answer(caller, team, id, false);
    }

    private Map<String, Object> answer(Caller caller, String team, String id, boolean accept)
    {
        caller.requireApplication();
        long swapId = dev.iris.api.http.Requests.integerId(id, "Invalid swap id");
        schedules.answerSwap(team, swapId, accept, ScheduleAccess.actor(caller), user -> ScheduleAccess.mayActFor(caller, user));
        return Map.of("id", swapId, "status", accept ? "accepted" : "refused");
    }

    @GET
    @Path("/{team}/audit")
    public List<Map<String, Object>> audit(@PathParam("team") String team, @QueryParam("limit") Integer limit)
    {
        return schedules.audit(team, limit == null ? 100 : limit).stream().map(row -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", row.at().getEpochSecond());
            entry.put("actor", row.actor());
            entry.put("action", row.action());
            entry.put("detail", row.detail());
            return entry;
        }).toList();
    }

    /**
     * {@code {user}} or {@code {team}}: a secret calendar URL for that person's or team's shifts.
     * A person's own, or any for an admin; a team's for its members and admins.
     */
    @POST
    @Path("/ical-keys")
    public Response createIcalKey(@Auth Caller caller, String body)
    {
        caller.requireApplication();
        JsonNode request = JsonBody.parseObject(objectMapper, body);
        String user = optionalText(request, "user");
        String team = optionalText(request, "team");
        if ((user == null) == (team == null)) {
            throw IrisException.badRequest("Invalid calendar key request", "name either a user or a team");
        }
        if (user != null) {
            caller.requireUser(user);
        }
        else {
            access.requireEditor(caller, team);
        }
        String token = schedules.createIcalKey(user, team, ScheduleAccess.actor(caller));
        return Response.status(Response.Status.CREATED).entity(Map.of("token", token, "path", "/v0/schedules/ical/" + token)).build();
    }

    /**
     * The calendar behind a secret token; the token is the credential (calendar clients cannot sign).
     */
    @GET
    @Path("/ical/{token}")
    @OwnAuthentication
    @Produces("text/calendar")
    public Response ical(@PathParam("token") String token)
    {
        Optional<ScheduleDao.IcalKeyRow> key = token.length() == 43 ? schedules.icalKey(token) : Optional.empty();
        if (key.isEmpty()) {
            throw IrisException.notFound("Calendar not found", "No calendar has this address");
        }
        String calendar = key.get().user() != null ? feeds.user(key.get().user(), null) : feeds.team(key.get().team(), null);
        return Response.ok(calendar, "text/calendar; charset=UTF-8").build();
    }

    static Map<String, Object> segment(Segment segment)
    {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("start", segment.start().getEpochSecond());
        result.put("end", segment.end().getEpochSecond());
        result.put("users", segment.users());
        result.put("gap", segment.isGap());
        result.put("scheduled", segment.scheduled());
        return result;
    }

    private static Map<String, Object> swap(ScheduleDao.SwapRow row)
    {
        Map<String, Object> swap = new LinkedHashMap<>();
        swap.put("id", row.id());
        swap.put("role", row.role());
        swap.put("user", row.requester());
        swap.put("with", row.partner());
        swap.put("start", row.startAt().getEpochSecond());
        swap.put("end", row.endAt().getEpochSecond());
        swap.put("status", row.status());
        swap.put("created_by", row.createdBy());
        swap.put("decided_by", row.decidedBy());
        return swap;
    }

    private static List<ScheduleRole> roles(OnCall onCall, String role)
    {
        if (role == null) {
            return new ArrayList<>(onCall.roles());
        }
        return List.of(ScheduleRole.fromWireName(role)
                .orElseThrow(() -> IrisException.badRequest("Invalid role", "role must be one of primary, secondary, shadow, manager")));
    }

    private static ScheduleRole role(JsonNode request)
    {
        String role = optionalText(request, "role");
        return ScheduleRole.fromWireName(role == null ? "primary" : role)
                .orElseThrow(() -> IrisException.badRequest("Invalid role", "role must be one of primary, secondary, shadow, manager"));
    }

    private static String text(JsonNode request, String field)
    {
        String value = optionalText(request, field);
        if (value == null || value.isBlank()) {
            throw IrisException.badRequest(ScheduleService.INVALID, field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode request, String field)
    {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw IrisException.badRequest(ScheduleService.INVALID, field + " must be a string");
        }
        return value.asText();
    }

    private static Instant seconds(JsonNode request, String field)
    {
        JsonNode value = request.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw IrisException.badRequest(ScheduleService.INVALID, field + " must be unix seconds");
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    static Instant seconds(String value, String field)
    {
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        }
        catch (NumberFormatException | java.time.DateTimeException e) {
            throw IrisException.badRequest("Invalid " + field, field + " must be unix seconds");
        }
    }
}
