package dev.iris.api.system;

import dev.iris.api.auth.PublicRead;
import dev.iris.core.db.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /healthcheck} for load balancers: {@code GOOD} when the database answers, 503
 * {@code Could not connect to database} otherwise (Iris's texts).
 */
@Path("/healthcheck")
@PublicRead
public final class HealthcheckResource
{
    private final Database database;

    @Inject
    public HealthcheckResource(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response check()
    {
        try {
            database.jdbi().useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return Response.ok("GOOD").build();
        }
        catch (RuntimeException e) {
            return Response.status(503).entity("Could not connect to database").build();
        }
    }
}
