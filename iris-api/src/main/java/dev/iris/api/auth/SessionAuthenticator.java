package dev.iris.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.Optional;

/**
 * Finds the user of a web UI session, if the request carries a valid one. The web UI provides the
 * real implementation; without it, no request has a session.
 */
public interface SessionAuthenticator
{
    SessionAuthenticator NONE = request -> Optional.empty();

    Optional<String> sessionUser(ContainerRequestContext request);
}
