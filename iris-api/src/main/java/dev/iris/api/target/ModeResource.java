package dev.iris.api.target;

import dev.iris.api.auth.Caller;
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
 * {@code GET /v0/modes}: mode names, never {@code drop}.
 */
@Path("/v0/modes")
@Produces(MediaType.APPLICATION_JSON)
public final class ModeResource
{
    private final TargetService targets;

    @Inject
    public ModeResource(TargetService targets)
    {
        this.targets = requireNonNull(targets, "targets is null");
    }

    @GET
    public List<String> modes(@Auth Caller caller)
    {
        return targets.modes();
    }
}
