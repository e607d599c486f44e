package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /sessions/end-all}: ends every web UI session of a user, on every device: the user's
 * own ("log out everywhere"), or anyone's for an admin (a lost phone, a leaver).
 */
@Path("/sessions")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class SessionsResource
{
    private final UiSessions sessions;
    private final SessionCookies cookies;

    @Inject
    public SessionsResource(UiSessions sessions, SessionCookies cookies)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
    }

    @POST
    @Path("end-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endAll(@FormParam("username") String username, @Auth Caller caller)
    {
        String self = caller.requireUsername();
        String whose = username == null || username.isBlank() ? self : username.strip();
        if (whose.equals(self)) {
            sessions.endAll(self);
            return Response.seeOther(URI.create("/login")).cookie(cookies.expiredSessionCookie()).build();
        }
        if (!caller.admin()) {
            return Redirects.withFlash("/user", "error", "Only admins may end other people's sessions");
        }
        int ended = sessions.endAll(whose);
        return Redirects.withFlash("/user", "message", "Ended " + ended + " session" + (ended == 1 ? "" : "s") + " of " + whose);
    }
}
