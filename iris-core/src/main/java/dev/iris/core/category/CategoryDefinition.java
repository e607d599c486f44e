package dev.iris.core.category;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the full category list an application posts.
 */
public record CategoryDefinition(String name, String description, String mode)
{
    public CategoryDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(mode, "mode is null");
    }
}
