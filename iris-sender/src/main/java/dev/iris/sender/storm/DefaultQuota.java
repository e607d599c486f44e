package dev.iris.sender.storm;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The quota of applications without an {@code application_quota} row (Iris's
 * {@code sender.default_rate_def}).
 *
 * <p>It has no target, so a soft breach notices nobody: the sender logs it (once per
 * application per 30 minutes) and counts {@code iris.sender.quota.soft-breach}. A hard breach
 * drops the message as any quota does, and raises a quota incident only if {@code planName} is
 * set. Owners who want notices configure a quota for their application.
 *
 * @param planName the plan of the quota incident raised on a hard breach, or empty for none
 */
public record DefaultQuota(int hardLimit, int softLimit, Duration hardDuration, Duration softDuration, Duration waitTime,
        Optional<String> planName)
{
    public DefaultQuota
    {
        requireNonNull(hardDuration, "hardDuration is null");
        requireNonNull(softDuration, "softDuration is null");
        requireNonNull(waitTime, "waitTime is null");
        requireNonNull(planName, "planName is null");
        if (hardLimit < 0 || softLimit < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
        if (hardDuration.toSeconds() < 1 || softDuration.toSeconds() < 1) {
            throw new IllegalArgumentException("quota durations must be at least one second");
        }
    }

    /**
     * Iris's defaults: 6000 messages per minute hard, 600 per minute soft, one quota incident per
     * hour at most, no plan.
     */
    public static DefaultQuota iris()
    {
        return new DefaultQuota(6000, 600, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1), Optional.empty());
    }
}
