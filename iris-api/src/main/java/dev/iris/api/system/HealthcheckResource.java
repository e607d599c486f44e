package dev.iris.api.system;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.PublicRead;
import dev.iris.db.Database;
import dev.iris.server.http.HealthcheckFile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /healthcheck} for load balancers, as Iris answers it: the first line of the
 * {@code healthcheckPath} file (404 without the file; {@code GOOD} when no file is configured)
 * while the database answers, 503 {@code Could not connect to database} otherwise.
 */
@Path("/healthcheck")
@PublicRead
public final class HealthcheckResource
{
    private final Database database;
    private final Optional<java.nio.file.Path> statusFile;

    @Inject
    public HealthcheckResource(Database database, IrisApiConfiguration configuration)
    {
        this.database = requireNonNull(database, "database is null");
        this.statusFile = configuration.getHealthcheckPath();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response check()
    {
        String status = "GOOD";
        if (statusFile.isPresent()) {
            Optional<String> firstLine = HealthcheckFile.firstLine(statusFile.get());
            if (firstLine.isEmpty()) {
                return Response.status(Response.Status.NOT_FOUND).entity("").build();
            }
            status = firstLine.get();
        }
        try {
            database.jdbi().useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return Response.ok(status).build();
        }
        catch (RuntimeException e) {
            return Response.status(503).entity("Could not connect to database").build();
        }
    }
}
