package dev.iris.api.auth;

import dev.iris.common.http.IrisException;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling: an application (by HMAC, or the internal {@code iris} app for a UI session),
 * possibly acting as a user, or nobody (public reads). Resources take it as
 * {@code @io.dropwizard.auth.Auth Caller caller}.
 *
 * @param application the authenticated application, or null for an anonymous caller
 * @param username the user the request acts as (X-IRIS-USERNAME or the UI session), or null
 * @param admin whether that user is an Iris admin
 */
public record Caller(AuthenticatedApplication application, String username, boolean admin)
        implements Principal
{
    public static final Caller ANONYMOUS = new Caller(null, null, false);

    @Override
    public String getName()
    {
        if (username != null) {
            return username;
        }
        return application == null ? "anonymous" : application.name();
    }

    public Optional<String> usernameIfAny()
    {
        return Optional.ofNullable(username);
    }

    /**
     * The calling application; 401 for anonymous callers.
     */
    public AuthenticatedApplication requireApplication()
    {
        if (application == null) {
            throw IrisException.unauthorized("Authentication failure", "Malformed/missing HMAC authorization header");
        }
        return application;
    }

    public boolean canAuthenticateUsers()
    {
        return application != null && application.allowAuthenticatingUsers();
    }

    /**
     * Iris's {@code acl_allowed}: the caller is that user, an admin, or an application trusted to
     * act for any user.
     */
    public boolean mayActAs(String name)
    {
        return admin || canAuthenticateUsers() || (username != null && username.equals(name));
    }

    /**
     * Iris's {@code enforce_user} for a user-scoped path.
     */
    public void requireUser(String pathUser)
    {
        if (username == null) {
            if (application == null) {
                throw IrisException.unauthorized("Username must be specified for this action", null);
            }
            if (!application.allowAuthenticatingUsers()) {
                throw IrisException.unauthorized("App must allow authentication as user for this action", null);
            }
            return;
        }
        if (!admin && !username.equals(pathUser)) {
            throw IrisException.unauthorized("This user is not allowed to access this resource", null);
        }
    }

    /**
     * A logged-in user (session or X-IRIS-USERNAME); 401 otherwise.
     */
    public String requireUsername()
    {
        if (username == null) {
            throw IrisException.unauthorized("Username must be specified for this action", null);
        }
        return username;
    }
}
