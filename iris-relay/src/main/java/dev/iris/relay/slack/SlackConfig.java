package dev.iris.relay.slack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code slack:} section: the app's signing secret and how long the relay may spend before
 * answering Slack, which gives up after 3 seconds.
 */
public class SlackConfig
{
    /** The Slack app's signing secret. Empty: every Slack request is refused. */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String signingSecret = "";

    /** How old (or how far in the future) X-Slack-Request-Timestamp may be. */
    @NotNull
    @JsonProperty
    private Duration replayWindow = Duration.minutes(5);

    /** How long to wait for the API before telling the user Iris is slow. */
    @NotNull
    @JsonProperty
    private Duration apiTimeout = Duration.milliseconds(2500);

    public String getSigningSecret()
    {
        return signingSecret;
    }

    public Duration getReplayWindow()
    {
        return replayWindow;
    }

    public Duration getApiTimeout()
    {
        return apiTimeout;
    }
}
