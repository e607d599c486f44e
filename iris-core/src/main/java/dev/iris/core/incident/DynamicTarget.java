package dev.iris.core.incident;

import static java.util.Objects.requireNonNull;

/**
 * The role and target an incident binds to one dynamic index of its plan (by list position).
 */
public record DynamicTarget(String role, String target)
{
    public DynamicTarget
    {
        requireNonNull(role, "role is null");
        requireNonNull(target, "target is null");
    }
}
