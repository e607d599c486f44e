package dev.iris.api.heartbeat;

import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.ingest.QueryKeyAuthenticator;
import dev.iris.common.http.IrisException;
import dev.iris.core.heartbeat.Heartbeat;
import dev.iris.core.heartbeat.HeartbeatService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static java.util.Objects.requireNonNull;

/**
 * One heartbeat. {@code POST /v0/heartbeats/{app}/{name}?key=<app key>} is the beat (any body is
 * ignored); a request signed with the application's HMAC needs no key. {@code GET} shows its
 * status (no credentials); {@code DELETE} (the application, by HMAC or key) removes it.
 */
@Path("/v0/heartbeats/{app}/{name}")
@OwnAuthentication
@Produces(MediaType.APPLICATION_JSON)
public final class HeartbeatResource
{
    private final HeartbeatService heartbeats;
    private final QueryKeyAuthenticator authenticator;

    @Inject
    public HeartbeatResource(HeartbeatService heartbeats, QueryKeyAuthenticator authenticator)
    {
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Heartbeat beat(@Auth Caller caller, @PathParam("app") String application, @PathParam("name") String name, @QueryParam("key") String key)
    {
        AuthenticatedApplication app = authenticator.authenticate(caller, application, key);
        return heartbeats.beat(app.id(), name).orElseThrow(() -> notFound(application, name));
    }

    @GET
    public Heartbeat status(@PathParam("app") String application, @PathParam("name") String name)
    {
        return heartbeats.list(application).stream()
                .filter(heartbeat -> heartbeat.name().equals(name))
                .findFirst()
                .orElseThrow(() -> notFound(application, name));
    }

    @DELETE
    public Response delete(@Auth Caller caller, @PathParam("app") String application, @PathParam("name") String name, @QueryParam("key") String key)
    {
        AuthenticatedApplication app = authenticator.authenticate(caller, application, key);
        if (!heartbeats.delete(app.id(), name)) {
            throw notFound(application, name);
        }
        return Response.noContent().build();
    }

    private static IrisException notFound(String application, String name)
    {
        return IrisException.notFound("Heartbeat not found", "No heartbeat " + name + " for application " + application);
    }
}
