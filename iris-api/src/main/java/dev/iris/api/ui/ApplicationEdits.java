package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.Actor;
import dev.iris.core.application.ApplicationService;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the application page's forms change an application: only its owners and admins may, and
 * the browser goes back to the page with the outcome as a flash (post/redirect/get).
 */
public final class ApplicationEdits
{
    private final ApplicationService applications;

    @Inject
    public ApplicationEdits(ApplicationService applications)
    {
        this.applications = requireNonNull(applications, "applications is null");
    }

    public boolean mayEdit(Caller caller, String application)
    {
        return caller.admin() || (caller.username() != null && applications.isOwner(application, caller.username()));
    }

    /**
     * Runs {@code action} for an owner or admin and redirects back with {@code done} or the error.
     */
    public Response act(String application, Caller caller, String done, Runnable action)
    {
        if (!mayEdit(caller, application)) {
            return refused(application, "Only the application's owners and admins may change it");
        }
        try {
            action.run();
            return Redirects.withFlash(page(application), "message", done);
        }
        catch (IrisException e) {
            return Redirects.withFlash(page(application), "error", Redirects.describe(e));
        }
    }

    public Response refused(String application, String why)
    {
        return Redirects.withFlash(page(application), "error", why);
    }

    public static String page(String application)
    {
        return "/applications/" + URLEncoder.encode(application, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static Actor actor(Caller caller)
    {
        return new Actor(Optional.ofNullable(caller.username()), caller.admin());
    }
}
