package dev.iris.relay.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * The section of a channel whose claim buttons carry Iris's own signed tokens (ntfy, Teams): the
 * secret the vendor plugin signs with ({@code action_secret} in the sender's vendor config) and how
 * long the relay waits for the API.
 */
public class TokenChannelConfig
{
    /** The shared secret. Empty: every claim on this channel is refused. */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String actionSecret = "";

    /** How long to wait for the API before telling the person Iris is slow. */
    @NotNull
    @JsonProperty
    private Duration apiTimeout = Duration.seconds(5);

    public String getActionSecret()
    {
        return actionSecret;
    }

    public Duration getApiTimeout()
    {
        return apiTimeout;
    }
}
