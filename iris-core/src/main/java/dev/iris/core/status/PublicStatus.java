package dev.iris.core.status;

import java.time.Instant;
import java.util.List;

/**
 * Everything the public status page, its Atom feed and its JSON show, and nothing else: the one
 * object they render, so what is not in here cannot leak (no incident context, no people, no plan
 * or application names).
 */
public record PublicStatus(String title, Instant generated, List<Component> components, List<Incident> incidents)
{
    /**
     * @param note the public note of an override (null: the state is automatic)
     */
    public record Component(int id, String name, String description, int position, ComponentState state, String note,
            List<UptimeHistory.Day> history)
    {
        public String uptime()
        {
            double share = history.stream().mapToDouble(UptimeHistory.Day::outageShare).average().orElse(0);
            return "%.2f%%".formatted(100 * (1 - share));
        }
    }

    /**
     * @param status the latest update's status (investigating, identified, monitoring, resolved)
     * @param impact the worst state it gives its components
     * @param components the names of the components it affects
     */
    public record Incident(long id, String title, String status, ComponentState impact, Instant created, Instant updated, Instant resolved,
            List<String> components, List<Update> updates)
    {
        public boolean isResolved()
        {
            return resolved != null || "resolved".equals(status);
        }
    }

    public record Update(long id, String status, String body, Instant created) {}

    /**
     * What changes when the page changes in substance (states, notes, the days' colours, incidents
     * and updates), for ETags; leaves out the time of the request and the share of today spent in
     * an outage, which grow every millisecond.
     */
    public String fingerprint()
    {
        StringBuilder text = new StringBuilder(title);
        for (Component component : components) {
            text.append('|').append(component.id()).append(component.name()).append(component.description()).append(component.position())
                    .append(component.state()).append(component.note());
            component.history().forEach(day -> text.append(day.worst().ordinal()));
        }
        incidents.forEach(incident -> text.append('|').append(incident));
        return text.toString();
    }

    public ComponentState worst()
    {
        return components.stream().map(Component::state).reduce(ComponentState.OPERATIONAL, ComponentState::worst);
    }

    /**
     * Statuspage's page indicator: none, minor, major or critical.
     */
    public String indicator()
    {
        return switch (worst()) {
            case OPERATIONAL -> "none";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
        };
    }

    public String description()
    {
        return switch (worst()) {
            case OPERATIONAL -> "All Systems Operational";
            case DEGRADED_PERFORMANCE -> "Minor Service Outage";
            case PARTIAL_OUTAGE -> "Partial System Outage";
            case MAJOR_OUTAGE -> "Major Service Outage";
        };
    }

    public List<Incident> openIncidents()
    {
        return incidents.stream().filter(incident -> !incident.isResolved()).toList();
    }

    public List<Incident> pastIncidents()
    {
        return incidents.stream().filter(Incident::isResolved).toList();
    }

    /**
     * Red components that no open public incident explains yet (the page says an update follows).
     */
    public List<Component> unexplained()
    {
        List<String> explained = openIncidents().stream().flatMap(incident -> incident.components().stream()).toList();
        return components.stream().filter(c -> c.state() != ComponentState.OPERATIONAL && c.note() == null && !explained.contains(c.name())).toList();
    }
}
