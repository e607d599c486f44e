package dev.iris.api.heartbeat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.heartbeat.Heartbeat;
import dev.iris.core.heartbeat.HeartbeatService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /v0/heartbeats} (app HMAC) registers or changes one of the caller's heartbeats:
 * {@code {name, interval_seconds, plan}}. {@code GET /v0/heartbeats?application=} (no credentials)
 * lists heartbeats and their status.
 */
@Path("/v0/heartbeats")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
public final class HeartbeatsResource
{
    private final HeartbeatService heartbeats;
    private final ObjectMapper objectMapper;

    @Inject
    public HeartbeatsResource(HeartbeatService heartbeats, ObjectMapper objectMapper)
    {
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public List<Heartbeat> list(@QueryParam("application") String application)
    {
        return heartbeats.list(application);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response register(@Auth Caller caller, String text)
    {
        long applicationId = caller.requireApplication().id();
        JsonNode body = parse(text);
        if (!body.hasNonNull("name")) {
            throw IrisException.badRequest("Invalid heartbeat", "name is missing");
        }
        if (!body.hasNonNull("interval_seconds") || !body.get("interval_seconds").canConvertToInt()) {
            throw IrisException.badRequest("Invalid heartbeat", "interval_seconds is missing or not an integer");
        }
        Heartbeat heartbeat = heartbeats.register(applicationId, body.get("name").asText(), body.get("interval_seconds").asInt(),
                body.hasNonNull("plan") ? body.get("plan").asText() : null);
        return Response.created(URI.create("/v0/heartbeats/" + heartbeat.application() + "/" + heartbeat.name()))
                .entity(heartbeat)
                .build();
    }

    private JsonNode parse(String text)
    {
        try {
            JsonNode body = text == null || text.isBlank() ? null : objectMapper.readTree(text);
            if (body == null || !body.isObject()) {
                throw IrisException.badRequest("Invalid heartbeat", "The body must be a JSON object {name, interval_seconds, plan}");
            }
            return body;
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest("Invalid heartbeat", "The body is not valid JSON");
        }
    }
}
