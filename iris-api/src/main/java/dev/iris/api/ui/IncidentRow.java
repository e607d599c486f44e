package dev.iris.api.ui;

import java.time.Instant;

/**
 * An incident as the incident list shows it.
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
        String context,
        String summaryTemplate,
        String titleVariable)
{
    /**
     * "active" while escalating, "claimed" once owned, "closed" when the plan ran out.
     */
    public String state()
    {
        if (active) {
            return "active";
        }
        return owner != null ? "claimed" : "closed";
    }
}
