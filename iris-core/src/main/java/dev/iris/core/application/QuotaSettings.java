package dev.iris.core.application;

import dev.iris.common.http.IrisException;

import static java.util.Objects.requireNonNull;

/**
 * A quota to set: thresholds (messages), durations and wait time (seconds), the plan of the
 * incident opened when the hard quota is hit, and the target told about the soft quota. A quota
 * that exists is valid: every number is at least 1 and the hard threshold is above the soft one
 * (Iris's rules, shared by the API and the web UI).
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
        for (int value : new int[] {hardQuotaThreshold, softQuotaThreshold, hardQuotaDuration, softQuotaDuration, waitTime}) {
            requirePositive(value);
        }
        if (hardQuotaThreshold <= softQuotaThreshold) {
            throw IrisException.badRequest("Hard threshold must be bigger than soft threshold");
        }
    }

    /**
     * One of the quota's numbers, checked as Iris checks each in turn.
     */
    public static int requirePositive(int value)
    {
        if (value < 1) {
            throw IrisException.badRequest("All int keys must be over 0");
        }
        return value;
    }
}
