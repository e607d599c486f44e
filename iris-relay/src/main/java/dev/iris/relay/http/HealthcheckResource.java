package dev.iris.relay.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /healthcheck} on the application port for load balancers: {@code GOOD} while the
 * relay serves requests. It does not depend on the API, so an API outage does not take the relay
 * out of rotation: the relay still answers Twilio with a clear error. The admin health check
 * reports whether the API is reachable.
 */
@Path("/healthcheck")
public final class HealthcheckResource
{
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String check()
    {
        return "GOOD";
    }
}
