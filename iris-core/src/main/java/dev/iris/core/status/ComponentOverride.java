package dev.iris.core.status;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A state a person set on a component, with the reason shown on the public page.
 *
 * @param until when it lapses; null: until removed
 * @param author who set it (internal, never public)
 */
public record ComponentOverride(int componentId, ComponentState state, String reason, String author, Instant created, Instant until)
{
    public ComponentOverride
    {
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean activeAt(Instant now)
    {
        return until == null || now.isBefore(until);
    }
}
