package dev.iris.api.ui;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A logged-in web UI user, as carried by the signed session cookie.
 *
 * @param id names the session's server-side row ({@link UiSessions}), which logging out deletes
 * @param username the Iris user
 * @param expires when the cookie stops being accepted
 * @param csrfToken the token every form and unsafe request of this session must echo back
 */
public record UiSession(String id, String username, Instant expires, String csrfToken)
{
    /** Request property under which {@link UiSessionAuthenticator} leaves the request's session. */
    public static final String REQUEST_PROPERTY = "iris.uiSession";

    public UiSession
    {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(csrfToken, "csrfToken is null");
    }

    @Override
    public String toString()
    {
        // The id and the CSRF token stay out of logs.
        return "UiSession{username=" + username + ", expires=" + expires + "}";
    }
}
