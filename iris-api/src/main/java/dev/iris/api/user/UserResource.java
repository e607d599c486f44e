package dev.iris.api.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.JsonBody;
import dev.iris.core.user.CategoryOverride;
import dev.iris.core.user.ModeUpdate;
import dev.iris.core.user.ReprioritizationRule;
import dev.iris.core.user.UserService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/users}: a user's details and settings. Every path naming a user is Iris's
 * {@code enforce_user}: that user, an admin, or an application trusted to act for any user.
 * Settings are always the path user's (Iris read the caller's own for
 * {@code GET /v0/users/settings/{u}}).
 */
@Path("/v0/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource
{
    private static final List<String> REPRIORITIZATION_ARGUMENTS = List.of("duration", "count", "src_mode", "dst_mode");

    private final UserService users;
    private final ObjectMapper mapper;
    private final Set<String> supportedTimezones;

    @Inject
    public UserResource(UserService users, ObjectMapper mapper, IrisApiConfiguration configuration)
    {
        this.users = requireNonNull(users, "users is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.supportedTimezones = Set.copyOf(configuration.getSupportedTimezones());
    }

    @GET
    @Path("{username}")
    public Response user(@Auth Caller caller, @PathParam("username") String username)
    {
        caller.requireUser(username);
        return Requests.okOrEmptyNotFound(users.find(username));
    }

    // ---------------------------------------------------------------- modes

    @GET
    @Path("modes/{username}")
    public Map<String, String> modes(@Auth Caller caller, @PathParam("username") String username, @QueryParam("application") String application)
    {
        caller.requireUser(username);
        return users.modes(username, Optional.ofNullable(application));
    }

    @POST
    @Path("modes/{username}")
    public Map<String, String> updateModes(@Auth Caller caller, @PathParam("username") String username, String body)
    {
        caller.requireUser(username);
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        data.properties().forEach(entry -> rest.put(entry.getKey(), entry.getValue()));
        JsonNode application = rest.remove("application");
        JsonNode perApplication = rest.remove("per_app_modes");
        Map<String, String> modes = modeMap(mapper.valueToTree(rest));

        if (application != null && !application.isNull()) {
            if (!application.isTextual()) {
                throw IrisException.badRequest("Invalid application", "application must be a string");
            }
            return users.updateModes(username, new ModeUpdate(Optional.of(application.asText()), modes, Optional.empty()));
        }
        if (perApplication != null && !perApplication.isNull()) {
            if (!perApplication.isObject()) {
                throw IrisException.badRequest("Invalid per_app_modes", "per_app_modes must map applications to {priority: mode}");
            }
            Map<String, Map<String, String>> byApplication = new LinkedHashMap<>();
            perApplication.properties().forEach(entry -> byApplication.put(entry.getKey(), modeMap(entry.getValue())));
            return users.updateModes(username, new ModeUpdate(Optional.empty(), modes, Optional.of(byApplication)));
        }
        return users.updateModes(username, new ModeUpdate(Optional.empty(), modes, Optional.empty()));
    }

    private static Map<String, String> modeMap(JsonNode node)
    {
        return JsonBody.textMap(node, IrisException.badRequest("Invalid mode"));
    }

    // ---------------------------------------------------------------- settings and overrides

    @GET
    @Path("settings/{username}")
    public Map<String, String> settings(@Auth Caller caller, @PathParam("username") String username)
    {
        caller.requireUser(username);
        return users.settings(username);
    }

    @PUT
    @Path("settings/{username}")
    public Response updateSettings(@Auth Caller caller, @PathParam("username") String username, String body)
    {
        caller.requireUser(username);
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        Optional<String> timezone = JsonBody.text(data, "timezone", IrisException.badRequest("Invalid timezone")).filter(value -> !value.isEmpty());
        if (timezone.isPresent()) {
            if (!supportedTimezones.contains(timezone.get())) {
                throw IrisException.badRequest("Invalid timezone", timezone.get() + " is not a supported timezone");
            }
            users.setTimezone(username, timezone.get());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("overrides/{username}")
    public Response updateTemplateOverrides(@Auth Caller caller, @PathParam("username") String username, String body)
    {
        caller.requireUser(username);
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        JsonNode overrides = data.get("template_overrides");
        if (overrides == null || !overrides.isObject()) {
            throw IrisException.badRequest("Invalid json in post body: template_overrides parameter is not a dict");
        }
        JsonNode sms = overrides.get("sms");
        if (sms == null || sms.isNull() || (sms.isTextual() && sms.asText().isEmpty())) {
            throw IrisException.badRequest("No valid mode override values in post body");
        }
        String value = sms.asText();
        if (sms.isTextual() && value.equals("enabled")) {
            users.setSmsTemplateOverride(username, true);
        }
        else if (sms.isTextual() && value.equals("disabled")) {
            users.setSmsTemplateOverride(username, false);
        }
        else {
            throw IrisException.badRequest("Invalid sms override setting value: " + (sms.isTextual() ? value : sms.toString()));
        }
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- reprioritization

    @GET
    @Path("reprioritization/{username}")
    public List<ReprioritizationRule> reprioritization(@Auth Caller caller, @PathParam("username") String username)
    {
        caller.requireUser(username);
        return users.reprioritizationRules(username);
    }

    @POST
    @Path("reprioritization/{username}")
    public List<Object> setReprioritization(@Auth Caller caller, @PathParam("username") String username, String body)
    {
        caller.requireUser(username);
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        for (String argument : REPRIORITIZATION_ARGUMENTS) {
            if (!data.has(argument)) {
                throw IrisException.badRequest("Missing argument", "missing arg: " + argument);
            }
        }
        int duration = JsonBody.intValue(data.get("duration"), IrisException.badRequest("Invalid duration", "duration must be an integer"));
        int count = JsonBody.intValue(data.get("count"), IrisException.badRequest("Invalid count", "count must be an integer"));
        JsonNode srcMode = data.get("src_mode");
        JsonNode dstMode = data.get("dst_mode");
        users.setReprioritizationRule(
                username,
                srcMode.isTextual() ? srcMode.asText() : "",
                dstMode.isTextual() ? dstMode.asText() : "",
                count,
                duration);
        return List.of();
    }

    @DELETE
    @Path("reprioritization/{username}/{srcMode}")
    public List<Object> deleteReprioritization(@Auth Caller caller, @PathParam("username") String username, @PathParam("srcMode") String srcMode)
    {
        caller.requireUser(username);
        users.deleteReprioritizationRule(username, srcMode);
        return List.of();
    }

    // ---------------------------------------------------------------- category overrides

    @GET
    @Path("{username}/categories")
    public List<CategoryOverride> categoryOverrides(@Auth Caller caller, @PathParam("username") String username)
    {
        caller.requireUser(username);
        return users.categoryOverrides(username, Optional.empty());
    }

    @GET
    @Path("{username}/categories/{app}")
    public List<CategoryOverride> applicationCategoryOverrides(@Auth Caller caller, @PathParam("username") String username, @PathParam("app") String application)
    {
        caller.requireUser(username);
        return users.categoryOverrides(username, Optional.of(application));
    }

    @POST
    @Path("{username}/categories/{app}")
    public Response setCategoryOverrides(@Auth Caller caller, @PathParam("username") String username, @PathParam("app") String application, String body)
    {
        caller.requireUser(username);
        JsonNode data = JsonBody.parsePostBodyObject(mapper, body);
        Map<String, Optional<String>> modeByCategory = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            JsonNode mode = entry.getValue();
            if (!mode.isNull() && !mode.isTextual()) {
                throw IrisException.badRequest("Invalid mode specified", "a category maps to a mode name or null");
            }
            modeByCategory.put(entry.getKey(), mode.isNull() ? Optional.empty() : Optional.of(mode.asText()));
        }
        users.setCategoryOverrides(username, application, modeByCategory);
        return Response.status(Response.Status.CREATED).entity(Map.of()).build();
    }

    @DELETE
    @Path("{username}/categories/{app}")
    public Response deleteCategoryOverrides(@Auth Caller caller, @PathParam("username") String username, @PathParam("app") String application)
    {
        caller.requireUser(username);
        users.deleteCategoryOverrides(username, application);
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- lists and Slack

    @GET
    @Path("{username}/in_lists")
    public Map<String, Boolean> inLists(@Auth Caller caller, @PathParam("username") String username, @QueryParam("list") List<String> lists)
    {
        List<String> names = new ArrayList<>();
        for (String value : lists) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            throw IrisException.badRequest("Missing parameter", "The \"list\" parameter is required.");
        }
        return Map.of("is_member", users.isMemberOfAny(username, names));
    }

    /**
     * Iris looks the user up in Slack here; this Iris does not, so the answer is Iris's answer
     * for a server without Slack.
     */
    @GET
    @Path("{username}/slackid")
    @PublicRead
    public Response slackId(@PathParam("username") String username)
    {
        throw IrisException.notFound("Slack is not configured", null);
    }
}
