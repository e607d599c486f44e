package dev.iris.core.status;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An incident as the status computation sees it: what feeds may match, how bad it is, and when
 * it was resolved (null while open). Internal: it never leaves the server.
 *
 * @param priority the most urgent priority of its plan, or null
 */
public record ImpactingIncident(long id, String application, String plan, String dedupKey, IncidentLabels labels, String priority,
        Instant created, Instant resolvedAt)
{
    public ImpactingIncident
    {
        requireNonNull(application, "application is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(created, "created is null");
    }

    /**
     * Severity from the alert labels or context when there is one, else from the plan's priority.
     */
    public ComponentState impact()
    {
        return labels.severity().orElseGet(() -> priority == null ? ComponentState.MAJOR_OUTAGE : ComponentState.ofPriority(priority));
    }
}
