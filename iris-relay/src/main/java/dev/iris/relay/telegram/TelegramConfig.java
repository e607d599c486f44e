package dev.iris.relay.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code telegram:} section: the {@code secret_token} the bot's webhook was set with
 * ({@code setWebhook}), which Telegram sends back in {@code X-Telegram-Bot-Api-Secret-Token}.
 */
public class TelegramConfig
{
    /** Empty: every Telegram update is refused. */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String secretToken = "";

    /** How long to wait for the API before answering that Iris is slow. */
    @NotNull
    @JsonProperty
    private Duration apiTimeout = Duration.seconds(5);

    public String getSecretToken()
    {
        return secretToken;
    }

    public Duration getApiTimeout()
    {
        return apiTimeout;
    }
}
