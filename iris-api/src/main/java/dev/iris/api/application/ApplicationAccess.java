package dev.iris.api.application;

import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.Actor;
import dev.iris.core.application.ApplicationService;

/**
 * Iris's "logged-in owner or admin" rule for application endpoints, with each endpoint's own
 * texts: 401 without a user, 403 for a user who neither owns the application nor is an admin.
 */
final class ApplicationAccess
{
    private ApplicationAccess() {}

    static void requireOwnerOrAdmin(ApplicationService applications, Caller caller, String application, String noUserMessage, String forbiddenMessage)
    {
        if (caller.username() == null) {
            throw IrisException.unauthorized(noUserMessage, null);
        }
        if (!caller.admin() && !applications.isOwner(application, caller.username())) {
            throw IrisException.forbidden(forbiddenMessage, null);
        }
    }

    static Actor actor(Caller caller)
    {
        return new Actor(caller.usernameIfAny(), caller.admin());
    }
}
