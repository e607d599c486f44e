package dev.iris.api.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.core.status.StatusSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * iris-api's {@code status:} block: the public status page (docs/status-page.md).
 */
public class StatusConfig
{
    /** The public page's heading. */
    @NotNull
    @JsonProperty
    private String title = "Service status";

    /** Where the public reaches this API (links in subscriber emails and reminders). */
    @NotNull
    @JsonProperty
    private String publicUrl = "http://localhost:16649";

    /** A resolved incident keeps its component red this long, so a flapping alert does not flicker. */
    @NotNull
    @JsonProperty
    private Duration holdDown = Duration.minutes(2);

    /** Remind the owner of an incident that turned the page red with no public update after this; 0 never. */
    @NotNull
    @JsonProperty
    private Duration reminderAfter = Duration.minutes(15);

    /** Unresolved incidents older than this no longer colour the page. */
    @NotNull
    @JsonProperty
    private Duration maxIncidentAge = Duration.days(3);

    /** The application subscriber emails and reminders are sent as. */
    @NotNull
    @JsonProperty
    private String noticeApplication = "iris";

    /** How often this node records state changes and sends reminders, in seconds; 0 turns it off. */
    @Min(0)
    @JsonProperty
    private int recordSeconds = 5;

    /** How long the public page may be cached by browsers and proxies, in seconds. */
    @Min(0)
    @JsonProperty
    private int cacheSeconds = 10;

    public StatusSettings settings()
    {
        return new StatusSettings(java.time.Duration.ofMillis(holdDown.toMilliseconds()), java.time.Duration.ofMillis(reminderAfter.toMilliseconds()),
                java.time.Duration.ofMillis(maxIncidentAge.toMilliseconds()), noticeApplication, publicUrl, title);
    }

    /** Subscription requests one client address may make per hour (in memory, per API node); 0 unlimited. */
    @Min(0)
    @JsonProperty
    private int subscriptionsPerAddressPerHour = 5;

    /** Subscription requests all clients together may make per hour (in memory, per API node); 0 unlimited. */
    @Min(0)
    @JsonProperty
    private int subscriptionsPerHour = 100;

    public int getSubscriptionsPerAddressPerHour()
    {
        return subscriptionsPerAddressPerHour;
    }

    public int getSubscriptionsPerHour()
    {
        return subscriptionsPerHour;
    }

    public int getRecordSeconds()
    {
        return recordSeconds;
    }

    public int getCacheSeconds()
    {
        return cacheSeconds;
    }
}
