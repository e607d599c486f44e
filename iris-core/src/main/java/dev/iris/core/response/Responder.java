package dev.iris.core.response;

import static java.util.Objects.requireNonNull;

/**
 * The Iris user behind a reply.
 */
public record Responder(long userId, String name)
{
    public Responder
    {
        requireNonNull(name, "name is null");
    }
}
