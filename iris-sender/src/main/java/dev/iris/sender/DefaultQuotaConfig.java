package dev.iris.sender;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.sender.storm.DefaultQuota;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.Optional;

/**
 * The {@code sender.defaultQuota:} section: the quota of applications without an
 * {@code application_quota} row, Iris's {@code sender.default_rate_def} (defaults are Iris's).
 * It names no target, so a soft breach is only logged and counted; a hard breach drops messages
 * and raises a quota incident only when {@code planName} is set.
 */
public class DefaultQuotaConfig
{
    /** Off: applications without a quota row are not counted at all. */
    @JsonProperty
    private boolean enabled = true;

    @Min(0)
    @JsonProperty
    private int hardLimit = 6000;

    @Min(0)
    @JsonProperty
    private int softLimit = 600;

    @NotNull
    @JsonProperty
    private Duration hardDuration = Duration.minutes(1);

    @NotNull
    @JsonProperty
    private Duration softDuration = Duration.minutes(1);

    /** No new quota incident for an application within this time of its last one. */
    @NotNull
    @JsonProperty
    private Duration waitTime = Duration.hours(1);

    /** The plan of the quota incident raised on a hard breach; none when unset. */
    @JsonProperty
    private String planName;

    public Optional<DefaultQuota> toDefaultQuota()
    {
        if (!enabled) {
            return Optional.empty();
        }
        return Optional.of(new DefaultQuota(hardLimit, softLimit, hardDuration.toJavaDuration(), softDuration.toJavaDuration(),
                waitTime.toJavaDuration(), Optional.ofNullable(planName).filter(name -> !name.isBlank())));
    }
}
