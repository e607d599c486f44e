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
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * {@code /password}: replaces a local account's password. Shown instead of a session after a login
 * with a one-time password (the first admin's, from {@code iris-api bootstrap}), and linked from
 * the settings page. The current password is checked again, so the form needs no session; like the
 * login form it carries its own CSRF token. A session starts only once the new password is set.
 */
@Path("/password")
@OwnAuthentication
@UiPage(anonymous = true)
@Produces(MediaType.TEXT_HTML)
public final class PasswordResource
{
    public static final int MINIMUM_LENGTH = 12;
    private static final int MAXIMUM_LENGTH = 256;

    private final LoginService logins;
    private final UiSessions sessions;
    private final SessionCookies cookies;
    private final AnonymousForm form;

    @Inject
    public PasswordResource(LoginService logins, UiSessions sessions, SessionCookies cookies, IrisApiConfiguration configuration)
    {
        this.logins = requireNonNull(logins, "logins is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
        this.form = new AnonymousForm("/password", cookies);
    }

    /**
     * @param username the account, when no session names it (after a one-time password login)
     * @param oneTime set after a login with a one-time password, to say why the form is shown
     */
    @GET
    public Response showForm(@QueryParam("username") String username, @QueryParam("one-time") String oneTime,
            @Context ContainerRequestContext request)
    {
        String name = sessions.current(request.getCookies()).map(UiSession::username).orElse(username);
        if (!logins.managesPasswords()) {
            return page(Response.status(Response.Status.NOT_FOUND), name, null, "Passwords are kept by your directory, not by Iris");
        }
        return page(Response.ok(), name, oneTime == null ? null : LoginService.Outcome.PASSWORD_CHANGE_REQUIRED.message(), null);
    }

    /**
     * Where a login with a one-time password goes instead of starting a session.
     */
    static URI afterOneTimePassword(String username)
    {
        return jakarta.ws.rs.core.UriBuilder.fromPath("/password").queryParam("username", username).queryParam("one-time", "1").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(
            @FormParam("username") String username,
            @FormParam("current") String current,
            @FormParam("password") String password,
            @FormParam("repeat") String repeat,
            @FormParam(UiSessionAuthenticator.CSRF_FIELD) String token,
            @Context ContainerRequestContext request)
    {
        String name = username == null ? null : username.trim();
        if (!form.submittedWithItsToken(request, token)) {
            return page(Response.status(Response.Status.FORBIDDEN), name, null, "The form expired; please try again");
        }
        if (!logins.managesPasswords()) {
            return page(Response.status(Response.Status.NOT_FOUND), name, null, "Passwords are kept by your directory, not by Iris");
        }
        String problem = problem(current, password, repeat);
        if (problem != null) {
            return page(Response.status(Response.Status.BAD_REQUEST), name, null, problem);
        }
        char[] secret = password.toCharArray();
        LoginService.Outcome outcome;
        try {
            outcome = logins.changePassword(name, current, secret);
        }
        finally {
            Arrays.fill(secret, '\0');
        }
        if (outcome != LoginService.Outcome.SUCCESS) {
            Response.Status status = outcome == LoginService.Outcome.INVALID ? Response.Status.UNAUTHORIZED : Response.Status.SERVICE_UNAVAILABLE;
            return page(Response.status(status), name, null, outcome == LoginService.Outcome.INVALID
                    ? "The username or current password is wrong"
                    : outcome.message());
        }
        return Response.seeOther(URI.create(Redirects.HOME))
                .cookie(cookies.sessionCookie(sessions.start(name)))
                .build();
    }

    private static String problem(String current, String password, String repeat)
    {
        if (current == null || current.isEmpty()) {
            return "Enter your current password";
        }
        if (password == null || password.length() < MINIMUM_LENGTH) {
            return "The new password must have at least " + MINIMUM_LENGTH + " characters";
        }
        if (password.length() > MAXIMUM_LENGTH) {
            return "The new password must have at most " + MAXIMUM_LENGTH + " characters";
        }
        if (!password.equals(repeat)) {
            return "The two new passwords differ";
        }
        if (password.equals(current)) {
            return "The new password must differ from the current one";
        }
        return null;
    }

    private Response page(Response.ResponseBuilder response, String username, String notice, String error)
    {
        return form.render(response, context -> new PasswordView(context, username, notice, error));
    }
}
