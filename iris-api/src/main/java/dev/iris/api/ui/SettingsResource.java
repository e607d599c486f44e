package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.contact.SelfServiceContacts;
import dev.iris.core.user.ModeUpdate;
import dev.iris.core.user.ReprioritizationRule;
import dev.iris.core.user.UserDetails;
import dev.iris.core.user.UserService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /user}: the logged-in user's settings: priority-to-mode choices (global and per
 * application), contacts, reprioritization rules and time zone, all through {@link UserService}.
 */
@Path("/user")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class SettingsResource
{
    private final UserService users;
    private final PlanChoicesDao choices;
    private final List<String> timezones;
    private final UiPages pages;
    private final SelfServiceContacts contacts;

    @Inject
    public SettingsResource(UserService users, Jdbi jdbi, IrisApiConfiguration configuration, UiPages pages, SelfServiceContacts contacts)
    {
        this.users = requireNonNull(users, "users is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.timezones = List.copyOf(configuration.getSupportedTimezones());
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public PageView settings(
            @QueryParam("application") String application,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Auth Caller caller,
            @Context ContainerRequestContext request)
    {
        String username = caller.requireUsername();
        Optional<String> selected = Optional.ofNullable(application).filter(value -> !value.isBlank());
        Map<String, String> modes;
        String problem = error;
        try {
            modes = users.modes(username, selected);
        }
        catch (IrisException e) {
            modes = users.modes(username, Optional.empty());
            selected = Optional.empty();
            problem = Redirects.describe(e);
        }
        return new SettingsView(pages.context(request, "settings"), users.details(username), modes, selected.orElse(null),
                users.reprioritizationRules(username), users.settings(username).getOrDefault(UserService.TIMEZONE_SETTING, "UTC"),
                timezones, choices.applications(), choices.modes(), message, problem);
    }

    @POST
    @Path("modes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response modes(MultivaluedMap<String, String> form, @Auth Caller caller)
    {
        Optional<String> application = Optional.ofNullable(form.getFirst("application")).filter(value -> !value.isBlank());
        Map<String, String> modes = new LinkedHashMap<>();
        for (String priority : choices.priorities()) {
            String mode = form.getFirst("mode." + priority);
            if (mode != null && !mode.isBlank()) {
                modes.put(priority, mode);
            }
        }
        String back = "/user" + application.map(name -> "?application=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).orElse("");
        return act(back, "Saved your " + application.map(name -> name + " ").orElse("") + "modes",
                () -> users.updateModes(caller.requireUsername(), new ModeUpdate(application, modes, Optional.empty())));
    }

    /**
     * The contacts of the chat and push channels ({@code contact.<mode>} fields; blank removes).
     */
    @POST
    @Path("contacts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response contacts(MultivaluedMap<String, String> form, @Auth Caller caller)
    {
        return act("/user", "Saved your contacts", () -> {
            for (String mode : SelfServiceContacts.rules().keySet()) {
                String address = form.getFirst("contact." + mode);
                if (address != null) {
                    contacts.set(caller.requireUsername(), mode, address);
                }
            }
        });
    }

    @POST
    @Path("timezone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response timezone(@FormParam("timezone") String timezone, @Auth Caller caller)
    {
        return act("/user", "Times now show in " + timezone, () -> {
            if (timezone == null || !timezones.contains(timezone)) {
                throw IrisException.badRequest("Invalid timezone", "Choose one of " + String.join(", ", timezones));
            }
            users.setTimezone(caller.requireUsername(), timezone);
        });
    }

    @POST
    @Path("reprioritization")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addRule(
            @FormParam("srcMode") String source,
            @FormParam("dstMode") String destination,
            @FormParam("count") String count,
            @FormParam("minutes") String minutes,
            @Auth Caller caller)
    {
        return act("/user", "Rule saved", () -> users.setReprioritizationRule(caller.requireUsername(), source, destination,
                FormNumbers.wholeNumber(count, "count"), FormNumbers.wholeNumber(minutes, "minutes") * 60));
    }

    @POST
    @Path("reprioritization/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteRule(@FormParam("srcMode") String source, @Auth Caller caller)
    {
        return act("/user", "Rule removed", () -> users.deleteReprioritizationRule(caller.requireUsername(), source));
    }

    private static Response act(String back, String done, Runnable action)
    {
        try {
            action.run();
            return Redirects.withFlash(back, "message", done);
        }
        catch (IrisException e) {
            return Redirects.withFlash(back, "error", Redirects.describe(e));
        }
    }

    /**
     * {@code /user}.
     */
    public static final class SettingsView
            extends PageView
    {
        private final UserDetails user;
        private final Map<String, String> modes;
        private final String application;
        private final List<ReprioritizationRule> rules;
        private final String timezone;
        private final List<String> timezones;
        private final List<String> applications;
        private final List<String> modeNames;
        private final String message;
        private final String error;

        SettingsView(PageContext context, UserDetails user, Map<String, String> modes, String application, List<ReprioritizationRule> rules,
                String timezone, List<String> timezones, List<String> applications, List<String> modeNames, String message, String error)
        {
            super("settings.ftlh", context, "Settings");
            this.user = user;
            this.modes = modes;
            this.application = application;
            this.rules = rules;
            this.timezone = timezone;
            this.timezones = timezones;
            this.applications = applications;
            this.modeNames = modeNames;
            this.message = message;
            this.error = error;
        }

        public UserDetails getUser()
        {
            return user;
        }

        public Map<String, String> getModes()
        {
            return modes;
        }

        public String getApplication()
        {
            return application;
        }

        public List<ReprioritizationRule> getRules()
        {
            return rules;
        }

        public String getTimezone()
        {
            return timezone;
        }

        public List<String> getTimezones()
        {
            return timezones;
        }

        public List<String> getApplications()
        {
            return applications;
        }

        public List<String> getModeNames()
        {
            return modeNames;
        }

        /**
         * The contacts people set here, for the modes this installation has.
         */
        public List<SelfServiceContacts.Rule> getEditableContacts()
        {
            return SelfServiceContacts.rules().values().stream().filter(rule -> modeNames.contains(rule.mode())).toList();
        }

        public String getMessage()
        {
            return message;
        }

        public String getError()
        {
            return error;
        }
    }
}
