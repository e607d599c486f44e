package dev.iris.api.target;

import dev.iris.api.auth.PublicRead;
import dev.iris.core.target.TargetRole;
import dev.iris.core.target.TargetService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /v0/target_roles}: the roles plan steps may use, with their target types.
 */
@Path("/v0/target_roles")
@Produces(MediaType.APPLICATION_JSON)
@PublicRead
public final class TargetRoleResource
{
    private final TargetService targets;

    @Inject
    public TargetRoleResource(TargetService targets)
    {
        this.targets = requireNonNull(targets, "targets is null");
    }

    @GET
    public List<TargetRole> roles()
    {
        return targets.roles();
    }
}
