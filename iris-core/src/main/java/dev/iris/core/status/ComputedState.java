package dev.iris.core.status;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A component's state now: the one shown ({@link #shown()}), the one its incidents alone give,
 * the override that won if any, and the incidents behind it (internal ids).
 */
public record ComputedState(ComponentDefinition component, ComponentState automatic, Optional<ComponentOverride> override,
        List<Long> incidentIds)
{
    public ComputedState
    {
        requireNonNull(component, "component is null");
        requireNonNull(automatic, "automatic is null");
        requireNonNull(override, "override is null");
        incidentIds = List.copyOf(incidentIds);
    }

    public ComponentState shown()
    {
        return override.map(ComponentOverride::state).orElse(automatic);
    }
}
