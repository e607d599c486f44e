package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.core.application.ApplicationKeys;
import dev.iris.core.application.ApplicationQuota;
import dev.iris.core.application.ApplicationService;
import dev.iris.core.application.ApplicationSettings;
import dev.iris.core.application.ApplicationView;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /applications}: the list, and one application's settings, quota, incident e-mails and
 * keys. Changes go through {@link ApplicationService}, which checks that the user owns the
 * application or is an admin.
 */
@Path("/applications")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class ApplicationsResource
{
    private final ApplicationService applications;
    private final PlanChoicesDao choices;
    private final UiPages pages;
    private final ApplicationEdits edits;

    @Inject
    public ApplicationsResource(ApplicationService applications, Jdbi jdbi, UiPages pages, ApplicationEdits edits)
    {
        this.edits = requireNonNull(edits, "edits is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public PageView list(@Context ContainerRequestContext request)
    {
        return new ListView(pages.context(request, "applications"), applications.list());
    }

    @GET
    @Path("{application}")
    public PageView application(
            @PathParam("application") String name,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Auth Caller caller,
            @Context ContainerRequestContext request)
    {
        return view(request, caller, name, null, message, error);
    }

    /**
     * Shows the keys (owners and admins only); a POST so the keys never sit in a URL or history.
     */
    @POST
    @Path("{application}/keys")
    public Response keys(@PathParam("application") String name, @Auth Caller caller, @Context ContainerRequestContext request)
    {
        if (!edits.mayEdit(caller, name)) {
            return edits.refused(name, "Only the application's owners and admins may see its keys");
        }
        return Response.ok(view(request, caller, name, applications.keys(name).orElse(null), null, null)).build();
    }

    @POST
    @Path("{application}/secondary-key")
    public Response secondaryKey(@PathParam("application") String name, @Auth Caller caller)
    {
        return edits.act(name, caller, "A secondary key was generated", () -> applications.createSecondaryKey(name));
    }

    @POST
    @Path("{application}/rekey")
    public Response rekey(@PathParam("application") String name, @Auth Caller caller)
    {
        return edits.act(name, caller, "The secondary key is now the primary key", () -> applications.rekey(name));
    }

    @POST
    @Path("{application}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("application") String name, MultivaluedMap<String, String> form, @Auth Caller caller)
    {
        Map<String, String> defaultModes = new LinkedHashMap<>();
        for (String priority : choices.priorities()) {
            String mode = form.getFirst("default." + priority);
            if (mode != null && !mode.isBlank()) {
                defaultModes.put(priority, mode);
            }
        }
        List<String> supportedModes = form.get("supportedModes") == null ? List.of() : form.get("supportedModes");
        ApplicationSettings settings = new ApplicationSettings(
                text(form.getFirst("sampleContext")),
                text(form.getFirst("contextTemplate")),
                text(form.getFirst("summaryTemplate")),
                text(form.getFirst("mobileTemplate")),
                list(form.getFirst("variables")),
                Optional.ofNullable(form.getFirst("titleVariable")).filter(value -> !value.isBlank()),
                Optional.of(list(form.getFirst("owners"))),
                Optional.empty(),
                caller.admin() ? Optional.of(supportedModes) : Optional.empty(),
                Optional.of(defaultModes));
        return edits.act(name, caller, "Saved", () -> applications.update(name, ApplicationEdits.actor(caller), settings));
    }

    private AppView view(ContainerRequestContext request, Caller caller, String name, ApplicationKeys keys, String message, String error)
    {
        ApplicationView application = applications.get(name);
        return new AppView(pages.context(request, "applications"), application, applications.quota(name).orElse(null),
                applications.incidentEmails(name), keys, edits.mayEdit(caller, name), choices.priorities(), choices.modes(), choices.activePlans(), message, error);
    }

    private static String text(String value)
    {
        return value == null ? "" : value;
    }

    private static List<String> list(String commaSeparated)
    {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    /**
     * {@code /applications}.
     */
    public static final class ListView
            extends PageView
    {
        private final List<ApplicationView> applications;

        ListView(PageContext context, List<ApplicationView> applications)
        {
            super("applications.ftlh", context, "Applications");
            this.applications = applications;
        }

        public List<ApplicationView> getApplications()
        {
            return applications;
        }
    }

    /**
     * {@code /applications/{app}}.
     */
    public static final class AppView
            extends PageView
    {
        private final ApplicationView application;
        private final ApplicationQuota quota;
        private final Map<String, String> incidentEmails;
        private final ApplicationKeys keys;
        private final boolean editable;
        private final List<String> priorities;
        private final List<String> modes;
        private final List<String> plans;
        private final String message;
        private final String error;

        AppView(PageContext context, ApplicationView application, ApplicationQuota quota, Map<String, String> incidentEmails, ApplicationKeys keys,
                boolean editable, List<String> priorities, List<String> modes, List<String> plans, String message, String error)
        {
            super("application.ftlh", context, "Application " + application.name());
            this.application = application;
            this.quota = quota;
            this.incidentEmails = incidentEmails;
            this.keys = keys;
            this.editable = editable;
            this.priorities = priorities;
            this.modes = modes;
            this.plans = plans;
            this.message = message;
            this.error = error;
        }

        public ApplicationView getApplication()
        {
            return application;
        }

        public ApplicationQuota getQuota()
        {
            return quota;
        }

        public Map<String, String> getIncidentEmails()
        {
            return incidentEmails;
        }

        public ApplicationKeys getKeys()
        {
            return keys;
        }

        public boolean isEditable()
        {
            return editable;
        }

        public List<String> getPriorities()
        {
            return priorities;
        }

        public List<String> getModes()
        {
            return modes;
        }

        public List<String> getPlans()
        {
            return plans;
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
