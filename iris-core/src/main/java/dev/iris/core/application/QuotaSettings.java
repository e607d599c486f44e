package dev.iris.core.application;

import static java.util.Objects.requireNonNull;

/**
 * A quota to set: thresholds (messages), durations and wait time (seconds), the plan of the
 * incident opened when the hard quota is hit, and the target told about the soft quota.
 */
public record QuotaSettings(
        int hardQuotaThreshold,
        int softQuotaThreshold,
        int hardQuotaDuration,
        int softQuotaDuration,
        String planName,
        int waitTime,
        String targetName)
{
    public QuotaSettings
    {
        requireNonNull(planName, "planName is null");
        requireNonNull(targetName, "targetName is null");
    }
}
