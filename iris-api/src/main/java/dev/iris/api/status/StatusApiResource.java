package dev.iris.api.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import dev.iris.core.postmortem.PostmortemDao;
import dev.iris.core.postmortem.PostmortemService;
import dev.iris.core.request.JsonBody;
import dev.iris.core.status.ComputedState;
import dev.iris.core.status.PublicStatus;
import dev.iris.core.status.StatusAdmin;
import dev.iris.core.status.StatusBoard;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/status/...}: the status page's administration (components and feeds: admins;
 * overrides, public updates, postmortems: any user). Not part of Iris's API (docs/status-page.md).
 */
@Path("/v0/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusApiResource
{
    private final StatusBoard board;
    private final StatusAdmin admin;
    private final PostmortemService postmortems;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public StatusApiResource(StatusBoard board, StatusAdmin admin, PostmortemService postmortems, ObjectMapper json, Clock clock)
    {
        this.board = requireNonNull(board, "board is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.postmortems = requireNonNull(postmortems, "postmortems is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    @Path("components")
    public ArrayNode components(@Auth Caller caller)
    {
        caller.requireUsername();
        ArrayNode list = json.createArrayNode();
        for (ComputedState state : board.current(clock.instant())) {
            ObjectNode node = list.addObject();
            node.put("id", state.component().id());
            node.put("name", state.component().name());
            node.put("description", state.component().description());
            node.put("display_order", state.component().displayOrder());
            ArrayNode feeds = node.putArray("feeds");
            state.component().feeds().forEach(feed -> feeds.add(feed.toString()));
            node.put("status", state.shown().code());
            node.put("automatic_status", state.automatic().code());
            ArrayNode incidents = node.putArray("incidents");
            state.incidentIds().forEach(incidents::add);
            state.override().ifPresentOrElse(o -> {
                ObjectNode override = node.putObject("override");
                override.put("status", o.state().code());
                override.put("reason", o.reason());
                override.put("author", o.author());
                override.put("created", o.created().getEpochSecond());
                if (o.until() != null) {
                    override.put("until", o.until().getEpochSecond());
                }
            }, () -> node.putNull("override"));
        }
        return list;
    }

    @POST
    @Path("components")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth Caller caller, String body)
    {
        requireAdmin(caller);
        int id = admin.createComponent(component(body));
        return Response.status(Response.Status.CREATED).entity(json.createObjectNode().put("id", id)).build();
    }

    @PUT
    @Path("components/{id: [0-9]+}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@Auth Caller caller, @PathParam("id") int id, String body)
    {
        requireAdmin(caller);
        admin.updateComponent(id, component(body));
        return Response.noContent().build();
    }

    @DELETE
    @Path("components/{id: [0-9]+}")
    public Response delete(@Auth Caller caller, @PathParam("id") int id)
    {
        requireAdmin(caller);
        admin.deleteComponent(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("components/{id: [0-9]+}/override")
    @Consumes(MediaType.WILDCARD)
    public Response override(@Auth Caller caller, @PathParam("id") int id, String body)
    {
        String user = caller.requireUsername();
        JsonNode node = object(body);
        Instant until = node.hasNonNull("until") ? Instant.ofEpochSecond(node.get("until").asLong()) : null;
        admin.override(id, text(node, "status"), text(node, "reason"), user, until);
        return Response.noContent().build();
    }

    @DELETE
    @Path("components/{id: [0-9]+}/override")
    public Response clearOverride(@Auth Caller caller, @PathParam("id") int id)
    {
        caller.requireUsername();
        admin.clearOverride(id);
        return Response.noContent().build();
    }

    @GET
    @Path("incidents/{id: [0-9]+}/updates")
    public JsonNode updates(@Auth Caller caller, @PathParam("id") long id)
    {
        caller.requireUsername();
        PublicStatus status = board.publicStatus(clock.instant());
        return status.incidents().stream().filter(incident -> incident.id() == id).findFirst()
                .<JsonNode>map(incident -> StatusSummaryJson.incident(json, incident, ""))
                .orElseGet(json::createObjectNode);
    }

    @POST
    @Path("incidents/{id: [0-9]+}/updates")
    @Consumes(MediaType.WILDCARD)
    public Response postUpdate(@Auth Caller caller, @PathParam("id") long id, String body)
    {
        String user = caller.requireUsername();
        JsonNode node = object(body);
        long update = admin.postUpdate(id, user, text(node, "status"), text(node, "text"), text(node, "title"));
        return Response.status(Response.Status.CREATED).entity(json.createObjectNode().put("id", update)).build();
    }

    @GET
    @Path("postmortems")
    public ArrayNode postmortemList(@Auth Caller caller)
    {
        caller.requireUsername();
        ArrayNode list = json.createArrayNode();
        postmortems.list().forEach(header -> header(list.addObject(), header));
        return list;
    }

    @POST
    @Path("postmortems")
    @Consumes(MediaType.WILDCARD)
    public Response draft(@Auth Caller caller, String body)
    {
        String user = caller.requireUsername();
        JsonNode node = object(body);
        List<Long> incidents = new ArrayList<>();
        JsonNode ids = node.path("incidents");
        if (!ids.isArray()) {
            throw IrisException.badRequest("Invalid incidents", "incidents must be a list of incident ids");
        }
        ids.forEach(id -> {
            if (!id.canConvertToLong()) {
                throw IrisException.badRequest("Invalid incidents", "incidents must be a list of incident ids");
            }
            incidents.add(id.asLong());
        });
        long id = postmortems.draft(incidents, text(node, "title"), user);
        return Response.status(Response.Status.CREATED).entity(json.createObjectNode().put("id", id)).build();
    }

    @GET
    @Path("postmortems/{id: [0-9]+}")
    public ObjectNode postmortem(@Auth Caller caller, @PathParam("id") long id)
    {
        caller.requireUsername();
        PostmortemService.Postmortem postmortem = postmortems.get(id);
        ObjectNode node = json.createObjectNode();
        header(node, postmortem.header());
        ArrayNode incidents = node.putArray("incidents");
        postmortem.incidents().forEach(incidents::add);
        node.put("version", postmortem.version());
        node.put("markdown", postmortem.markdown());
        ArrayNode versions = node.putArray("versions");
        postmortem.versions().forEach(v -> versions.addObject().put("version", v.version()).put("created", v.created().getEpochSecond()).put("author", v.author()));
        return node;
    }

    @PUT
    @Path("postmortems/{id: [0-9]+}")
    @Consumes(MediaType.WILDCARD)
    public ObjectNode save(@Auth Caller caller, @PathParam("id") long id, String body)
    {
        String user = caller.requireUsername();
        int version = postmortems.save(id, text(object(body), "markdown"), user);
        return json.createObjectNode().put("version", version);
    }

    @GET
    @Path("postmortems/{id: [0-9]+}/markdown")
    @Produces("text/markdown")
    public Response export(@Auth Caller caller, @PathParam("id") long id)
    {
        caller.requireUsername();
        return Response.ok(postmortems.get(id).markdown(), "text/markdown;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"postmortem-" + id + ".md\"")
                .build();
    }

    @POST
    @Path("postmortems/{id: [0-9]+}/publish")
    @Consumes(MediaType.WILDCARD)
    public Response publish(@Auth Caller caller, @PathParam("id") long id, String body)
    {
        caller.requireUsername();
        JsonNode node = body == null || body.isBlank() ? json.createObjectNode() : object(body);
        postmortems.publish(id, node.path("published").asBoolean(true));
        return Response.noContent().build();
    }

    private static void header(ObjectNode node, PostmortemDao.Header header)
    {
        node.put("id", header.id());
        node.put("title", header.title());
        node.put("created", header.created().getEpochSecond());
        node.put("author", header.author());
        if (header.publishedVersion() == null) {
            node.putNull("published_version");
        }
        else {
            node.put("published_version", header.publishedVersion());
        }
    }

    private StatusAdmin.ComponentInput component(String body)
    {
        JsonNode node = object(body);
        List<String> feeds = new ArrayList<>();
        JsonNode list = node.path("feeds");
        if (!list.isMissingNode() && !list.isArray()) {
            throw IrisException.badRequest("Invalid feed", "feeds must be a list such as [\"application:voice\", \"label:service=voice\"]");
        }
        list.forEach(feed -> feeds.add(feed.asText()));
        return new StatusAdmin.ComponentInput(text(node, "name"), text(node, "description"), node.path("display_order").asInt(0), feeds);
    }

    private JsonNode object(String body)
    {
        return JsonBody.parseObject(json, body);
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void requireAdmin(Caller caller)
    {
        caller.requireUsername();
        if (!caller.admin()) {
            throw IrisException.forbidden("Admins only", "Only Iris admins define status page components");
        }
    }
}
