package dev.iris.core.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code retention:} section: what to delete, and where to archive it first.
 *
 * <pre>
 * retention:
 *   maxAge: 180 days          # incidents and messages older than this go
 *   batchSize: 1000           # rows per short transaction
 *   cooldown: 1 second        # pause between batches, to leave room for live traffic
 *   archiveDirectory: /var/lib/iris/archive   # optional: JSON lines written before deleting
 * </pre>
 */
public class RetentionConfig
{
    @NotNull
    @JsonProperty
    private Duration maxAge = Duration.days(180);

    @Min(1)
    @Max(100_000)
    @JsonProperty
    private int batchSize = 1000;

    @NotNull
    @JsonProperty
    private Duration cooldown = Duration.seconds(1);

    @JsonProperty
    private String archiveDirectory;

    public Duration getMaxAge()
    {
        return maxAge;
    }

    public RetentionConfig setMaxAge(Duration maxAge)
    {
        this.maxAge = maxAge;
        return this;
    }

    public int getBatchSize()
    {
        return batchSize;
    }

    public RetentionConfig setBatchSize(int batchSize)
    {
        this.batchSize = batchSize;
        return this;
    }

    public Duration getCooldown()
    {
        return cooldown;
    }

    public RetentionConfig setCooldown(Duration cooldown)
    {
        this.cooldown = cooldown;
        return this;
    }

    public String getArchiveDirectory()
    {
        return archiveDirectory;
    }

    public RetentionConfig setArchiveDirectory(String archiveDirectory)
    {
        this.archiveDirectory = archiveDirectory;
        return this;
    }
}
