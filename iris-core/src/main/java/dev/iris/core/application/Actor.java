package dev.iris.core.application;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who changes an application: the user (if any) and whether they are an Iris admin.
 */
public record Actor(Optional<String> username, boolean admin)
{
    public Actor
    {
        requireNonNull(username, "username is null");
    }
}
