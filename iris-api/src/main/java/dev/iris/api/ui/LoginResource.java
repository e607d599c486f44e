package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.OwnAuthentication;
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
import jakarta.ws.rs.core.Response;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * {@code /login} and {@code /logout}. The login form carries its own CSRF token (a cookie and a
 * hidden field that must match) because there is no session yet to tie it to.
 */
@Path("/")
@OwnAuthentication
@UiPage(anonymous = true)
@Produces(MediaType.TEXT_HTML)
public final class LoginResource
{
    private final LoginService logins;
    private final UiSessions sessions;
    private final SessionCookies cookies;
    private final AnonymousForm form;

    @Inject
    public LoginResource(LoginService logins, UiSessions sessions, SessionCookies cookies, IrisApiConfiguration configuration)
    {
        this.logins = requireNonNull(logins, "logins is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
        this.form = new AnonymousForm("/login", cookies);
    }

    @GET
    public Response home()
    {
        return Response.seeOther(URI.create(Redirects.HOME)).build();
    }

    @GET
    @Path("login")
    public Response loginForm(@QueryParam("next") String next, @Context ContainerRequestContext request)
    {
        if (sessions.current(request.getCookies()).isPresent()) {
            return Response.seeOther(URI.create(Redirects.safeNext(next))).build();
        }
        return page(Response.ok(), Redirects.safeNext(next), null, null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("next") String next,
            @FormParam(UiSessionAuthenticator.CSRF_FIELD) String token,
            @Context ContainerRequestContext request)
    {
        String target = Redirects.safeNext(next);
        if (!form.submittedWithItsToken(request, token)) {
            return page(Response.status(Response.Status.FORBIDDEN), target, username, "The login form expired; please try again");
        }
        String name = username == null ? null : username.trim();
        LoginService.Outcome outcome = logins.login(name, password);
        if (outcome == LoginService.Outcome.PASSWORD_CHANGE_REQUIRED) {
            // No session until the one-time password is replaced.
            return Response.seeOther(PasswordResource.afterOneTimePassword(name)).build();
        }
        if (outcome != LoginService.Outcome.SUCCESS) {
            Response.Status status = outcome == LoginService.Outcome.INVALID ? Response.Status.UNAUTHORIZED : Response.Status.SERVICE_UNAVAILABLE;
            return page(Response.status(status), target, name, outcome.message());
        }
        return Response.seeOther(URI.create(target))
                .cookie(cookies.sessionCookie(sessions.start(name)))
                .build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context ContainerRequestContext request)
    {
        // UiFilter has already refused a logout posted without the session's CSRF token, so
        // another site cannot log people out. Ending the session server-side makes any copy of
        // the cookie worthless too.
        if (request.getProperty(UiSession.REQUEST_PROPERTY) instanceof UiSession session) {
            sessions.end(session);
        }
        return Response.seeOther(URI.create("/login"))
                .cookie(cookies.expiredSessionCookie())
                .build();
    }

    private Response page(Response.ResponseBuilder response, String next, String username, String error)
    {
        return form.render(response, context -> new LoginView(context, next, username, error));
    }
}
