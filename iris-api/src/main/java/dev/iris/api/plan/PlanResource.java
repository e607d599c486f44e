package dev.iris.api.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.common.http.IrisException;
import dev.iris.core.plan.PlanService;
import dev.iris.core.request.JsonBody;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/plans}: search, create a version, show, (de)activate a version, delete a name.
 */
@Path("/v0/plans")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class PlanResource
{
    private final PlanService plans;
    private final ObjectMapper objectMapper;

    @Inject
    public PlanResource(PlanService plans, ObjectMapper objectMapper)
    {
        this.plans = requireNonNull(plans, "plans is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public List<Map<String, Object>> search(@Context UriInfo uriInfo)
    {
        return plans.search(Requests.searchParameters(uriInfo));
    }

    @POST
    public Response create(@Auth Caller caller, String body)
    {
        caller.requireApplication();
        long id = plans.create(JsonBody.parseObject(objectMapper, body), caller::mayActAs);
        return Requests.created("plans", id);
    }

    /**
     * A dry run of {@link #create}: every check, the database's included, and nothing stored.
     * Answers {@code {"valid": true}} or the error {@code POST /v0/plans} would give. Not in Iris.
     */
    @POST
    @Path("/validate")
    public Map<String, Object> validate(@Auth Caller caller, String body)
    {
        caller.requireApplication();
        plans.validate(JsonBody.parseObject(objectMapper, body), caller::mayActAs);
        return Map.of("valid", true);
    }

    @GET
    @Path("/{plan}")
    public Response get(@PathParam("plan") String plan)
    {
        return Requests.okOrEmptyNotFound(plans.get(plan));
    }

    @POST
    @Path("/{plan}")
    public long setActive(@Auth Caller caller, @PathParam("plan") String plan, String body)
    {
        caller.requireApplication();
        long value = JsonBody.requiredInteger(JsonBody.parseObject(objectMapper, body), "active",
                IrisException.badRequest("\"active\" field required"),
                IrisException.badRequest("Invalid active field"));
        plans.setActive(Requests.integerId(plan, "Invalid plan id"), value != 0);
        return value;
    }

    @DELETE
    @Path("/{plan}")
    public List<Object> delete(@Auth Caller caller, @PathParam("plan") String plan)
    {
        caller.requireApplication();
        if (caller.username() == null) {
            throw IrisException.unauthorized("You must be a logged in user to delete unused plans", null);
        }
        plans.delete(plan);
        return List.of();
    }
}
