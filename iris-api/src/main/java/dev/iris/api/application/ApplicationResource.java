package dev.iris.api.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationKeys;
import dev.iris.core.application.ApplicationService;
import dev.iris.core.application.ApplicationSettings;
import dev.iris.core.application.ApplicationView;
import dev.iris.core.application.QuotaSettings;
import dev.iris.core.request.JsonBody;
import dev.iris.core.request.QueryValues;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/applications}: Iris's application administration.
 */
@Path("/v0/applications")
@Produces(MediaType.APPLICATION_JSON)
public final class ApplicationResource
{
    private static final Set<String> QUOTA_KEYS = Set.of("hard_quota_threshold", "soft_quota_threshold", "hard_quota_duration",
            "soft_quota_duration", "plan_name", "wait_time", "target_name");
    private static final List<String> QUOTA_INT_KEYS = List.of("hard_quota_threshold", "soft_quota_threshold", "hard_quota_duration",
            "soft_quota_duration", "wait_time");

    private final ApplicationService applications;
    private final ObjectMapper mapper;

    @Inject
    public ApplicationResource(ApplicationService applications, ObjectMapper mapper)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @GET
    @PublicRead
    public List<ApplicationView> list()
    {
        return applications.list();
    }

    @POST
    public Response create(@Auth Caller caller, String body)
    {
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        String name = JsonBody.text(data, "name", IrisException.badRequest("Missing app name")).orElse("").strip();
        if (name.isEmpty()) {
            throw IrisException.badRequest("Missing app name");
        }
        if (!caller.admin()) {
            throw IrisException.unauthorized("Only admins can create apps", null);
        }
        long id = applications.create(name);
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id)).build();
    }

    @GET
    @Path("{app}")
    @PublicRead
    public ApplicationView get(@PathParam("app") String application)
    {
        return applications.get(application);
    }

    @PUT
    @Path("{app}")
    public List<Object> update(@Auth Caller caller, @PathParam("app") String application, String body)
    {
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        // Existence and permission come before the body's contents, as in Iris.
        applications.get(application);
        boolean owner = caller.username() != null && applications.isOwner(application, caller.username());
        if (!owner && !caller.admin()) {
            throw IrisException.unauthorized("Only admins and app owners can change this app's settings.", null);
        }
        applications.update(application, ApplicationAccess.actor(caller), settings(data));
        return List.of();
    }

    private ApplicationSettings settings(JsonNode data)
    {
        JsonNode sampleContext = data.get("sample_context");
        if (sampleContext == null || !sampleContext.isTextual() || !isJson(sampleContext.asText())) {
            throw IrisException.badRequest("sample_context must be valid json");
        }
        String contextTemplate = requiredTemplate(data, "context_template");
        String summaryTemplate = requiredTemplate(data, "summary_template");
        String mobileTemplate = requiredTemplate(data, "mobile_template");
        List<String> variables = JsonBody.textList(data.get("variables"), IrisException.badRequest("variables must be specified and be a list"));
        Optional<String> titleVariable = JsonBody.text(data, "title_variable", IrisException.badRequest("title variable is invalid"));

        Optional<List<String>> owners = present(data, "owners")
                .map(node -> JsonBody.textList(node, IrisException.badRequest("To change owners, you must pass a list of strings")));

        Optional<Map<String, Optional<String>>> addresses = Optional.empty();
        JsonNode addressNode = data.get("custom_sender_addresses");
        // Iris skips a missing, null or empty map.
        if (addressNode != null && !addressNode.isNull() && !(addressNode.isObject() && addressNode.isEmpty())) {
            if (!addressNode.isObject()) {
                throw IrisException.badRequest("To change custom addresses, you must pass a dictionary of mode: address pairings");
            }
            Map<String, Optional<String>> parsed = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : addressNode.properties()) {
                JsonNode value = entry.getValue();
                if (!value.isNull() && !value.isTextual()) {
                    throw IrisException.badRequest("To change custom addresses, you must pass a dictionary of mode: address pairings");
                }
                parsed.put(entry.getKey(), value.isNull() ? Optional.empty() : Optional.of(value.asText()));
            }
            addresses = Optional.of(parsed);
        }

        Optional<List<String>> supportedModes = present(data, "supported_modes")
                .map(node -> JsonBody.textList(node, IrisException.badRequest("To change modes, you must pass a list of strings")));
        // Iris ignores default_modes unless it is a map.
        Optional<Map<String, String>> defaultModes = present(data, "default_modes")
                .filter(JsonNode::isObject)
                .map(node -> JsonBody.textMap(node, IrisException.badRequest("default_modes must map priorities to mode names")));

        return new ApplicationSettings(sampleContext.asText(), contextTemplate, summaryTemplate, mobileTemplate, variables, titleVariable,
                owners, addresses, supportedModes, defaultModes);
    }

    private static String requiredTemplate(JsonNode data, String field)
    {
        JsonNode value = data.get(field);
        if (value == null) {
            throw IrisException.badRequest(field + " must be specified");
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw IrisException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static Optional<JsonNode> present(JsonNode data, String field)
    {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private boolean isJson(String text)
    {
        try {
            mapper.readTree(text);
            return !text.isBlank();
        }
        catch (IOException e) {
            return false;
        }
    }

    @DELETE
    @Path("{app}")
    public List<Object> delete(@Auth Caller caller, @PathParam("app") String application)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to delete this app", "You don't have permissions to delete this app.");
        applications.delete(application);
        return List.of();
    }

    // ---------------------------------------------------------------- quota

    @GET
    @Path("{app}/quota")
    @PublicRead
    public Object quota(@PathParam("app") String application)
    {
        return applications.quota(application).<Object>map(quota -> quota).orElse(Map.of());
    }

    @POST
    @Path("{app}/quota")
    public Response setQuota(@Auth Caller caller, @PathParam("app") String application, String body)
    {
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        List<String> keys = new ArrayList<>();
        data.fieldNames().forEachRemaining(keys::add);
        if (keys.size() != QUOTA_KEYS.size() || !QUOTA_KEYS.containsAll(keys)) {
            throw IrisException.badRequest("Missing required keys in post body");
        }
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String key : QUOTA_INT_KEYS) {
            // Checked key by key, so the first bad key decides the error, as in Iris.
            int value = JsonBody.intValue(data.get(key), IrisException.badRequest("Some int keys are not integers"));
            numbers.put(key, QuotaSettings.requirePositive(value));
        }
        String planName = JsonBody.text(data, "plan_name", IrisException.badRequest("plan_name must be a string"))
                .orElseThrow(() -> IrisException.badRequest("No active ID found for that plan"));
        String targetName = JsonBody.text(data, "target_name", IrisException.badRequest("target_name must be a string"))
                .orElseThrow(() -> IrisException.badRequest("No ID found for that target"));
        applications.setQuota(application, ApplicationAccess.actor(caller), new QuotaSettings(
                numbers.get("hard_quota_threshold"),
                numbers.get("soft_quota_threshold"),
                numbers.get("hard_quota_duration"),
                numbers.get("soft_quota_duration"),
                planName,
                numbers.get("wait_time"),
                targetName));
        return Response.status(Response.Status.CREATED).entity(List.of()).build();
    }

    @DELETE
    @Path("{app}/quota")
    public Response deleteQuota(@Auth Caller caller, @PathParam("app") String application)
    {
        applications.deleteQuota(application, ApplicationAccess.actor(caller));
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- keys

    @GET
    @Path("{app}/key")
    public Map<String, String> key(@Auth Caller caller, @PathParam("app") String application)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to view this app's key", "You don't have permissions to view this app's key.");
        String key = applications.keys(application).map(ApplicationKeys::key)
                .orElseThrow(() -> IrisException.badRequest("Key for this application not found"));
        return Map.of("key", key);
    }

    @GET
    @Path("{app}/secondary")
    public Map<String, String> secondaryKey(@Auth Caller caller, @PathParam("app") String application)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to view this app's key", "You don't have permissions to view this app's key.");
        ApplicationKeys keys = applications.keys(application)
                .orElseThrow(() -> IrisException.badRequest("Application " + application + " not found"));
        Map<String, String> result = new LinkedHashMap<>();
        result.put("key", keys.secondaryKey());
        return result;
    }

    @POST
    @Path("{app}/secondary")
    public List<Object> createSecondaryKey(@Auth Caller caller, @PathParam("app") String application)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to app", "You don't have permissions to re-key this app.");
        applications.createSecondaryKey(application);
        return List.of();
    }

    @POST
    @Path("{app}/rekey")
    public List<Object> rekey(@Auth Caller caller, @PathParam("app") String application)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to re-key this app", "You don't have permissions to re-key this app.");
        applications.rekey(application);
        return List.of();
    }

    // ---------------------------------------------------------------- incident e-mail addresses

    @GET
    @Path("{app}/incident_emails")
    public Map<String, String> incidentEmails(@Auth Caller caller, @PathParam("app") String application)
    {
        return applications.incidentEmails(application);
    }

    @PUT
    @Path("{app}/incident_emails")
    public List<Object> setIncidentEmails(@Auth Caller caller, @PathParam("app") String application, String body)
    {
        if (caller.username() == null) {
            throw IrisException.unauthorized("You must be a logged in user to change this application's email incident settings", null);
        }
        JsonNode data = JsonBody.parsePostBody(mapper, body);
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to change this application's email incident settings",
                "You don't have permissions to change this application's email incident settings.");
        Map<String, String> planByEmail = data.isNull() ? Map.of() : JsonBody.textMap(data, IrisException.badRequest(JsonBody.INVALID_POST_BODY));
        applications.setIncidentEmails(application, planByEmail);
        return List.of();
    }

    // ---------------------------------------------------------------- rename and plans

    @PUT
    @Path("{app}/rename")
    public List<Object> rename(@Auth Caller caller, @PathParam("app") String application, String body)
    {
        ApplicationAccess.requireOwnerOrAdmin(applications, caller, application,
                "You must be a logged in user to rename this app", "You don't have permissions to rename this app.");
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        String newName = JsonBody.text(data, "new_name", IrisException.badRequest("Missing new_name from post body")).orElse("").strip();
        if (newName.isEmpty()) {
            throw IrisException.badRequest("Missing new_name from post body");
        }
        if (newName.equals(application)) {
            throw IrisException.badRequest("New and old app name are identical");
        }
        applications.rename(application, newName);
        return List.of();
    }

    @GET
    @Path("{app}/plans")
    @PublicRead
    public List<Map<String, Object>> plans(@PathParam("app") String application, @Context UriInfo uriInfo)
    {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        List<String> fields = new ArrayList<>();
        for (String value : query.getOrDefault("fields", List.of())) {
            for (String field : value.split(",")) {
                if (!field.isBlank()) {
                    fields.add(field.strip());
                }
            }
        }
        Optional<Boolean> active = Optional.ofNullable(query.getFirst("active")).map(QueryValues::parseBoolean);
        if (active.isPresent() && !active.get()) {
            // Only active plans can page for an application.
            return List.of();
        }
        Map<String, List<String>> filters = new LinkedHashMap<>(query);
        filters.remove("fields");
        filters.remove("active");
        return applications.plans(application, fields, filters);
    }
}
