package dev.iris.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns incidents into component states; no database, no clock of its own.
 *
 * <ul>
 *   <li>A component is as bad as the worst incident its feeds match (severity label, else the
 *       plan's most urgent priority).</li>
 *   <li>Hold-down: a resolved incident keeps counting for {@code holdDown} after its resolution,
 *       so an alert that resolves and fires again keeps the component red instead of flickering
 *       green and red. Turning red is immediate.</li>
 *   <li>An override that has not lapsed wins; the automatic state is kept next to it, so the admin
 *       pages can show both.</li>
 * </ul>
 */
public final class StateComputation
{
    private final Duration holdDown;

    public StateComputation(Duration holdDown)
    {
        this.holdDown = requireNonNull(holdDown, "holdDown is null");
    }

    public List<ComputedState> compute(Collection<ComponentDefinition> components, Collection<ImpactingIncident> incidents,
            Map<Integer, ComponentOverride> overrides, Instant now)
    {
        List<ComputedState> states = new ArrayList<>();
        for (ComponentDefinition component : components) {
            ComponentState automatic = ComponentState.OPERATIONAL;
            List<Long> ids = new ArrayList<>();
            for (ImpactingIncident incident : incidents) {
                if (counts(incident, now) && component.feeds(incident)) {
                    automatic = ComponentState.worst(automatic, incident.impact());
                    ids.add(incident.id());
                }
            }
            Optional<ComponentOverride> override = Optional.ofNullable(overrides.get(component.id())).filter(o -> o.activeAt(now));
            states.add(new ComputedState(component, automatic, override, ids));
        }
        return states;
    }

    /**
     * Open incidents count; resolved ones count until the hold-down after their resolution ends.
     */
    boolean counts(ImpactingIncident incident, Instant now)
    {
        return incident.resolvedAt() == null || now.isBefore(incident.resolvedAt().plus(holdDown));
    }
}
