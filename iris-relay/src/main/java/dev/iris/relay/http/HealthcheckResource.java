package dev.iris.relay.http;

import dev.iris.server.http.HealthcheckFile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /healthcheck} on the application port for load balancers: {@code GOOD} while the
 * relay serves requests, or, with Iris's {@code healthcheckPath}, the first line of that file
 * (404 without the file). It does not depend on the API, so an API outage does not take the relay
 * out of rotation: the relay still answers Twilio with a clear error. The admin health check
 * reports whether the API is reachable.
 */
@Path("/healthcheck")
public final class HealthcheckResource
{
    private final Optional<java.nio.file.Path> statusFile;

    public HealthcheckResource(Optional<java.nio.file.Path> statusFile)
    {
        this.statusFile = requireNonNull(statusFile, "statusFile is null");
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response check()
    {
        if (statusFile.isEmpty()) {
            return Response.ok("GOOD").build();
        }
        return HealthcheckFile.firstLine(statusFile.get())
                .map(line -> Response.ok(line).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity("").build());
    }
}
