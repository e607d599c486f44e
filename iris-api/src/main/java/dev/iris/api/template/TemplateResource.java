package dev.iris.api.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.JsonBody;
import dev.iris.core.template.TemplateService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
 * {@code /v0/templates}: search, create a version, show, (de)activate a version.
 */
@Path("/v0/templates")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class TemplateResource
{
    private final TemplateService templates;
    private final ObjectMapper objectMapper;

    @Inject
    public TemplateResource(TemplateService templates, ObjectMapper objectMapper)
    {
        this.templates = requireNonNull(templates, "templates is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public List<Map<String, Object>> search(@Context UriInfo uriInfo)
    {
        return templates.search(Requests.searchParameters(uriInfo));
    }

    @POST
    public Response create(@Auth Caller caller, String body)
    {
        caller.requireApplication();
        long id = templates.create(JsonBody.parseObject(objectMapper, body), caller::mayActAs);
        return Requests.created("templates", id);
    }

    @GET
    @Path("/{template}")
    public Response get(@PathParam("template") String template)
    {
        return Requests.okOrEmptyNotFound(templates.get(template));
    }

    @POST
    @Path("/{template}")
    public long setActive(@Auth Caller caller, @PathParam("template") String template, String body)
    {
        caller.requireApplication();
        long value = JsonBody.requiredInteger(JsonBody.parseObject(objectMapper, body), "active",
                IrisException.badRequest("Missing active argument"),
                IrisException.badRequest("Invalid active argument", "active must be an int"));
        templates.setActive(Requests.integerId(template, "Invalid template id"), value != 0);
        return value;
    }
}
