package dev.iris.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationService;
import dev.iris.core.category.CategoryDefinition;
import dev.iris.core.category.CategoryService;
import dev.iris.core.category.NotificationCategory;
import dev.iris.core.request.JsonBody;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/categories}: applications' out-of-band notification categories.
 */
@Path("/v0/categories")
@Produces(MediaType.APPLICATION_JSON)
public final class CategoryResource
{
    private final CategoryService categories;
    private final ApplicationService applications;
    private final ObjectMapper mapper;

    @Inject
    public CategoryResource(CategoryService categories, ApplicationService applications, ObjectMapper mapper)
    {
        this.categories = requireNonNull(categories, "categories is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @GET
    @PublicRead
    public List<NotificationCategory> search(@Context UriInfo uriInfo)
    {
        return categories.search(uriInfo.getQueryParameters());
    }

    @GET
    @Path("{app}")
    @PublicRead
    public List<NotificationCategory> ofApplication(@PathParam("app") String application, @Context UriInfo uriInfo)
    {
        Map<String, List<String>> filters = new LinkedHashMap<>(uriInfo.getQueryParameters());
        filters.put("application", List.of(application));
        return categories.search(filters);
    }

    /**
     * Replaces the application's categories with the posted list. Allowed to admins, owners and
     * the application itself.
     */
    @POST
    @Path("{app}")
    public Map<String, Object> replace(@Auth Caller caller, @PathParam("app") String application, String body)
    {
        JsonNode data = JsonBody.parsePostBody(mapper, body);
        if (!data.isArray()) {
            throw IrisException.badRequest("Missing required attributes", "expected a list of {name, description, mode}");
        }
        List<CategoryDefinition> definitions = new ArrayList<>();
        for (JsonNode category : data) {
            if (!category.isObject() || !isText(category, "name") || !isText(category, "description") || !isText(category, "mode")) {
                throw IrisException.badRequest("Missing required attributes");
            }
            definitions.add(new CategoryDefinition(category.get("name").asText(), category.get("description").asText(), category.get("mode").asText()));
        }
        long applicationId = applications.findId(application)
                .orElseThrow(() -> IrisException.notFound("Application " + application + " not found", null));
        boolean allowed = caller.admin()
                || (caller.application() != null && caller.application().name().equals(application))
                || (caller.username() != null && applications.isOwner(application, caller.username()));
        if (!allowed) {
            throw IrisException.unauthorized("You don't have permissions to create this category", null);
        }
        categories.replace(applicationId, definitions);
        return Map.of();
    }

    private static boolean isText(JsonNode object, String field)
    {
        JsonNode value = object.get(field);
        return value != null && value.isTextual();
    }
}
