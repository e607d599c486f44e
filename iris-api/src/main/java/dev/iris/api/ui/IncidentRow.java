package dev.iris.api.ui;

import dev.iris.common.incident.IncidentState;

import java.time.Instant;

/**
 * An incident as the incident list shows it; {@code batch} is the aggregation batch its latest
 * aggregated page went out in, if any.
 */
public record IncidentRow(
        long id,
        String application,
        String plan,
        Instant created,
        Instant updated,
        String owner,
        boolean active,
        boolean resolved,
        int currentStep,
        int stepCount,
        String context,
        String summaryTemplate,
        String titleVariable,
        String batch,
        boolean silenced)
{
    /**
     * The word people see for where the incident stands ({@link IncidentState}).
     */
    public String state()
    {
        return IncidentState.of(active, owner != null, resolved, silenced).label();
    }

    /**
     * Claiming makes sense while nobody owns it and it is not resolved: paging, or unacknowledged.
     */
    public boolean claimable()
    {
        return owner == null && !resolved;
    }
}
