package dev.iris.api.target;

import dev.iris.api.auth.Caller;
import dev.iris.core.request.QueryValues;
import dev.iris.core.target.TargetService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/targets}: target names, by type, and whether a name exists. Needs an application
 * or user.
 */
@Path("/v0/targets")
@Produces(MediaType.APPLICATION_JSON)
public final class TargetResource
{
    private final TargetService targets;

    @Inject
    public TargetResource(TargetService targets)
    {
        this.targets = requireNonNull(targets, "targets is null");
    }

    @GET
    public List<String> names(@Auth Caller caller, @QueryParam("startswith") String prefix)
    {
        return targets.names(Optional.ofNullable(prefix));
    }

    @GET
    @Path("{type}")
    public List<String> namesOfType(
            @Auth Caller caller,
            @PathParam("type") String type,
            @QueryParam("startswith") String prefix,
            @QueryParam("name") String name,
            @QueryParam("name__in") List<String> names,
            @QueryParam("active") String active)
    {
        Optional<List<String>> nameList = Optional.empty();
        if (!names.isEmpty()) {
            List<String> split = new ArrayList<>();
            for (String value : names) {
                split.addAll(List.of(value.split(",")));
            }
            nameList = Optional.of(split);
        }
        return targets.namesOfType(type, new TargetService.TargetQuery(
                Optional.ofNullable(prefix),
                Optional.ofNullable(name),
                nameList,
                Optional.ofNullable(active).map(QueryValues::parseBoolean)));
    }

    /**
     * Whether any target (of any type) has this name; Iris calls the path parameter
     * {@code target_type}, but it holds a name.
     */
    @GET
    @Path("{name}/exists")
    public Map<String, Boolean> exists(@Auth Caller caller, @PathParam("name") String name)
    {
        return Map.of("exists", targets.exists(name));
    }
}
