package dev.iris.api.target;

import dev.iris.api.auth.Caller;
import dev.iris.core.target.Priority;
import dev.iris.core.target.TargetService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /v0/priorities}: priorities from the most severe, with their default modes.
 */
@Path("/v0/priorities")
@Produces(MediaType.APPLICATION_JSON)
public final class PriorityResource
{
    private final TargetService targets;

    @Inject
    public PriorityResource(TargetService targets)
    {
        this.targets = requireNonNull(targets, "targets is null");
    }

    @GET
    public List<Priority> priorities(@Auth Caller caller)
    {
        return targets.priorities();
    }
}
