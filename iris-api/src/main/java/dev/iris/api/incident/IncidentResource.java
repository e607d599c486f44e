package dev.iris.api.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.common.http.IrisException;
import dev.iris.core.incident.BulkClaimResult;
import dev.iris.core.incident.ClaimResult;
import dev.iris.core.incident.ClaimService;
import dev.iris.core.incident.CommentService;
import dev.iris.core.incident.DynamicTarget;
import dev.iris.core.incident.IncidentCreation;
import dev.iris.core.incident.IncidentQueries;
import dev.iris.core.incident.IncidentService;
import dev.iris.core.request.JsonBody;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/incidents}: search, create, show, claim and unclaim, bulk claim, resolve, comments.
 */
@Path("/v0/incidents")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class IncidentResource
{
    private static final String INVALID_ID = "Invalid incident id";

    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final ClaimService claims;
    private final CommentService comments;
    private final ObjectMapper objectMapper;

    @Inject
    public IncidentResource(IncidentService incidents, IncidentQueries queries, ClaimService claims, CommentService comments, ObjectMapper objectMapper)
    {
        this.incidents = requireNonNull(incidents, "incidents is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.comments = requireNonNull(comments, "comments is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public List<Map<String, Object>> search(@Context UriInfo uriInfo)
    {
        return queries.search(Requests.searchParameters(uriInfo));
    }

    /**
     * 201 with the new id; 200 with the existing id when {@code dedup_key} matched an open incident.
     */
    @POST
    public Response create(@Auth Caller caller, String body)
    {
        AuthenticatedApplication application = caller.requireApplication();
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        JsonNode plan = request.get("plan");
        if (plan == null) {
            throw IrisException.badRequest("missing plan name attribute");
        }
        if (!plan.isTextual()) {
            throw IrisException.badRequest("Invalid incident", "plan must be a string");
        }
        String applicationName = application.name();
        if (request.has("application")) {
            if (!application.allowOtherAppIncidents()) {
                throw IrisException.forbidden("This application " + application.name() + " does not allow creating incidents as other applications", null);
            }
            JsonNode other = request.get("application");
            if (!other.isTextual()) {
                throw IrisException.badRequest("Invalid application");
            }
            applicationName = other.asText();
        }
        String dedupKey = JsonBody.text(request, "dedup_key", () -> IrisException.badRequest("Invalid incident", "dedup_key must be a string")).orElse(null);
        IncidentCreation creation = incidents.create(applicationName, plan.asText(), request.get("context"), dynamicTargets(request), dedupKey);
        if (creation.deduplicated()) {
            return Response.ok(creation.incidentId()).build();
        }
        return Requests.created("incidents", creation.incidentId());
    }

    private static List<DynamicTarget> dynamicTargets(JsonNode request)
    {
        JsonNode targets = request.get("dynamic_targets");
        if (targets == null || targets.isNull()) {
            return List.of();
        }
        if (!targets.isArray()) {
            throw malformedDynamicTargets();
        }
        List<DynamicTarget> result = new ArrayList<>();
        for (JsonNode target : targets) {
            if (!target.isObject() || !target.path("role").isTextual() || !target.path("target").isTextual()) {
                throw malformedDynamicTargets();
            }
            result.add(new DynamicTarget(target.get("role").asText(), target.get("target").asText()));
        }
        return result;
    }

    // Built only when thrown: an exception records its stack when built.
    private static IrisException malformedDynamicTargets()
    {
        return IrisException.badRequest("Invalid incident", "dynamic_targets must be a list of {role, target}");
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id)
    {
        return Requests.okOrEmptyNotFound(queries.get(Requests.integerId(id, INVALID_ID)));
    }

    /**
     * Claim ({@code {"owner": "name"}}) or unclaim ({@code {"owner": null}}).
     */
    @POST
    @Path("/{id}")
    public Map<String, Object> claim(@Auth Caller caller, @PathParam("id") String id, String body)
    {
        caller.requireApplication();
        long incidentId = Requests.integerId(id, INVALID_ID);
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        if (!request.has("owner")) {
            throw IrisException.badRequest("\"owner\" field required");
        }
        String owner = claimant(caller, request);
        ClaimResult result = claims.claim(incidentId, owner);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("incident_id", result.incidentId());
        response.put("owner", result.owner());
        response.put("active", result.active());
        return response;
    }

    @POST
    @Path("/claim")
    public Map<String, Object> claimAll(@Auth Caller caller, String body)
    {
        caller.requireApplication();
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        if (!request.has("owner") || !request.has("incident_ids")) {
            throw IrisException.badRequest("Missing owner or incident_ids fields");
        }
        // As in Iris, any authenticated application may bulk-claim for any active user (bots claim
        // for whoever pressed their button); only the single claim checks acl_allowed.
        String owner = owner(request);
        JsonNode ids = request.get("incident_ids");
        if (!ids.isArray()) {
            throw IrisException.badRequest("Invalid claim: no matching incident id", "incident_ids must be a list of incident ids");
        }
        List<Long> incidentIds = new ArrayList<>();
        for (JsonNode value : ids) {
            incidentIds.add(JsonBody.asInteger(value).orElseThrow(() -> IrisException.badRequest("Invalid claim: no matching incident id")));
        }
        BulkClaimResult result = claims.claimAll(incidentIds, owner);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("owner", result.owner());
        response.put("claimed", result.claimed());
        response.put("unclaimed", result.unclaimed());
        return response;
    }

    /**
     * The request's {@code owner} (null to unclaim), whom the caller must be allowed to act as.
     */
    private static String claimant(Caller caller, JsonNode request)
    {
        String owner = owner(request);
        if (owner != null && !caller.mayActAs(owner)) {
            throw IrisException.unauthorized("Invalid claimer for this app/user", null);
        }
        return owner;
    }

    /**
     * The request's {@code owner}, null to unclaim.
     */
    private static String owner(JsonNode request)
    {
        JsonNode owner = request.get("owner");
        if (owner == null || owner.isNull()) {
            return null;
        }
        if (!owner.isTextual()) {
            throw IrisException.badRequest("Invalid claim: no matching owner");
        }
        return owner.asText();
    }

    @POST
    @Path("/{id}/resolve")
    public Map<String, Object> resolve(@Auth Caller caller, @PathParam("id") String id, String body)
    {
        caller.requireApplication();
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        if (!request.has("resolved")) {
            throw IrisException.badRequest("resolved field required");
        }
        // Iris looks the path's id up as is: anything but an existing id is no matching incident.
        long incidentId = Requests.integerId(id, "Invalid claim: no matching incident id");
        JsonNode value = request.get("resolved");
        boolean resolved;
        if (value.isBoolean()) {
            resolved = value.asBoolean();
        }
        else {
            resolved = JsonBody.asInteger(value).orElseThrow(() -> IrisException.badRequest("Invalid resolved field", "resolved must be a boolean")) != 0;
        }
        claims.resolve(incidentId, resolved, caller.getName());
        // Iris answers with the path's id (a string) and the resolved value as it was sent.
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("incident_id", id);
        response.put("resolved", value);
        return response;
    }

    @GET
    @Path("/{id}/comments")
    public List<Map<String, Object>> comments(@PathParam("id") String id)
    {
        return queries.comments(Requests.integerId(id, INVALID_ID));
    }

    /**
     * 201 with the new comment's id as the body.
     */
    @POST
    @Path("/{id}/comments")
    public Response addComment(@Auth Caller caller, @PathParam("id") String id, String body)
    {
        caller.requireApplication();
        long incidentId = Requests.integerId(id, INVALID_ID);
        ObjectNode request = JsonBody.parseObject(objectMapper, body);
        String content = JsonBody.text(request, "content", IrisException.badRequest("Invalid comment", "content must be a string")).orElse("");
        if (content.isEmpty()) {
            throw IrisException.badRequest("Empty comment");
        }
        String author = JsonBody.text(request, "author", IrisException.badRequest("Invalid comment", "author must be a string")).orElse(null);
        if (author == null || !caller.mayActAs(author)) {
            throw IrisException.forbidden("Comment author must match logged in user", null);
        }
        long commentId = comments.add(incidentId, author, content);
        return Response.status(Response.Status.CREATED).entity(commentId).build();
    }
}
