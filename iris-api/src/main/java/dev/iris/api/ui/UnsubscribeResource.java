package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationService;
import dev.iris.core.user.ModeUpdate;
import dev.iris.core.user.UserService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /unsubscribe/{app}}: the link in a message that stops an application from reaching the
 * user: every priority of that application set to {@code drop} for the logged-in user. Only
 * applications that support {@code drop} allow it. The link opens a confirmation page; only its
 * form (a POST with the CSRF token) changes anything, so a link preview or a crawler cannot.
 */
@Path("/unsubscribe/{application}")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class UnsubscribeResource
{
    static final String DROP = "drop";

    private final ApplicationService applications;
    private final UserService users;
    private final PlanChoicesDao choices;
    private final UiPages pages;

    @Inject
    public UnsubscribeResource(ApplicationService applications, UserService users, Jdbi jdbi, UiPages pages)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.users = requireNonNull(users, "users is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public Response confirm(@PathParam("application") String application, @Context ContainerRequestContext request)
    {
        return refusal(application)
                .map(problem -> page(request, application, Response.Status.BAD_REQUEST, problem))
                .orElseGet(() -> page(request, application, Response.Status.OK, null));
    }

    @POST
    public Response unsubscribe(@PathParam("application") String application, @Auth Caller caller, @Context ContainerRequestContext request)
    {
        Optional<String> problem = refusal(application);
        if (problem.isPresent()) {
            return page(request, application, Response.Status.BAD_REQUEST, problem.get());
        }
        Map<String, String> modes = new LinkedHashMap<>();
        for (String priority : choices.priorities()) {
            modes.put(priority, DROP);
        }
        users.updateModes(caller.requireUsername(), new ModeUpdate(Optional.of(application), modes, Optional.empty()));
        return Redirects.withFlash("/user?application=" + URLEncoder.encode(application, StandardCharsets.UTF_8),
                "message", "Unsubscribed: " + application + " no longer notifies you");
    }

    /**
     * Why this application cannot be unsubscribed from, if it cannot.
     */
    private Optional<String> refusal(String application)
    {
        try {
            if (!applications.get(application).supportedModes().contains(DROP)) {
                return Optional.of("The application " + application + " does not allow unsubscribing: it does not support the drop mode.");
            }
            return Optional.empty();
        }
        catch (IrisException e) {
            return Optional.of(Redirects.describe(e));
        }
    }

    private Response page(ContainerRequestContext request, String application, Response.Status status, String error)
    {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new UnsubscribeView(pages.context(request, "settings"), application, error))
                .build();
    }

    /**
     * The confirmation page, or why it cannot be done.
     */
    public static final class UnsubscribeView
            extends PageView
    {
        private final String application;
        private final String error;

        UnsubscribeView(PageContext context, String application, String error)
        {
            super("unsubscribe.ftlh", context, "Unsubscribe from " + application);
            this.application = application;
            this.error = error;
        }

        public String getApplication()
        {
            return application;
        }

        public String getError()
        {
            return error;
        }
    }
}
