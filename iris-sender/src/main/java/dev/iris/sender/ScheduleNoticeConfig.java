package dev.iris.sender;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code scheduleNotices:} section: handoff notices of the built-in schedules ("you are on
 * call in 1 hour", "your shift ended"). The lead time is each team's (notice_lead_minutes).
 */
public class ScheduleNoticeConfig
{
    /** Whether this sender creates handoff notices (any number of senders may; each notice is created once). */
    @JsonProperty
    private boolean enabled = true;

    /** How often to look for shifts starting or ending. */
    @NotNull
    @JsonProperty
    private Duration interval = Duration.seconds(30);

    /** The priority whose mode each person chose carries the notice. */
    @NotEmpty
    @JsonProperty
    private String priority = "low";

    public boolean isEnabled()
    {
        return enabled;
    }

    public java.time.Duration getInterval()
    {
        return interval.toJavaDuration();
    }

    public String getPriority()
    {
        return priority;
    }
}
