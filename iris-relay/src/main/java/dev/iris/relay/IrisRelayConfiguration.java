package dev.iris.relay;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.iris.relay.action.TokenChannelConfig;
import dev.iris.relay.email.EmailConfig;
import dev.iris.relay.slack.SlackConfig;
import dev.iris.relay.telegram.TelegramConfig;
import dev.iris.relay.twilio.TwilioConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * iris-relay's YAML. The relay has no database: it forwards to the API as the {@code iris-relay}
 * application. Secrets are write-only for Jackson, so serializing the configuration never shows
 * them.
 */
public class IrisRelayConfiguration
        extends Configuration
{
    /** Base URL of iris-api, e.g. {@code http://localhost:16649}. */
    @NotEmpty
    @JsonProperty
    private String apiUrl = "http://localhost:16649";

    /** The application the relay signs its API calls as. */
    @NotEmpty
    @JsonProperty
    private String relayApplication = "iris-relay";

    /** That application's API key (a secret). */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String relayKey = "";

    /** How long to wait for a TCP connection to the API. */
    @NotNull
    @JsonProperty
    private Duration apiConnectTimeout = Duration.seconds(2);

    /** How long to wait for the API's answer; Twilio gives up on us after 15 seconds. */
    @NotNull
    @JsonProperty
    private Duration apiRequestTimeout = Duration.seconds(8);

    /** The largest Twilio or Slack request body the relay reads. */
    @NotNull
    @JsonProperty
    private DataSize maxRequestSize = DataSize.kibibytes(256);

    /**
     * Iris's {@code healthcheck_path}: when set, {@code GET /healthcheck} answers the first line of
     * this file (404 when it is missing), so an operator drains a relay by editing or removing it.
     */
    @JsonProperty
    private String healthcheckPath;

    @Valid
    @NotNull
    @JsonProperty
    private TwilioConfig twilio = new TwilioConfig();

    @Valid
    @NotNull
    @JsonProperty
    private SlackConfig slack = new SlackConfig();

    @Valid
    @NotNull
    @JsonProperty
    private EmailConfig email = new EmailConfig();

    /** ntfy claim buttons: {@code actionSecret} is the ntfy vendor's {@code action_secret}. */
    @Valid
    @NotNull
    @JsonProperty
    private TokenChannelConfig ntfy = new TokenChannelConfig();

    @Valid
    @NotNull
    @JsonProperty
    private TelegramConfig telegram = new TelegramConfig();

    /** Mattermost claim buttons: {@code actionSecret} is the mattermost vendor's {@code action_secret}. */
    @Valid
    @NotNull
    @JsonProperty
    private TokenChannelConfig mattermost = new TokenChannelConfig();

    /** Teams claim links: {@code actionSecret} is the teams vendor's {@code action_secret}. */
    @Valid
    @NotNull
    @JsonProperty
    private TokenChannelConfig teams = new TokenChannelConfig();

    public Optional<Path> getHealthcheckPath()
    {
        return Optional.ofNullable(healthcheckPath).filter(path -> !path.isBlank()).map(Path::of);
    }

    public String getApiUrl()
    {
        return apiUrl;
    }

    public String getRelayApplication()
    {
        return relayApplication;
    }

    public String getRelayKey()
    {
        return relayKey;
    }

    public Duration getApiConnectTimeout()
    {
        return apiConnectTimeout;
    }

    public Duration getApiRequestTimeout()
    {
        return apiRequestTimeout;
    }

    public DataSize getMaxRequestSize()
    {
        return maxRequestSize;
    }

    public TwilioConfig getTwilio()
    {
        return twilio;
    }

    public SlackConfig getSlack()
    {
        return slack;
    }

    public EmailConfig getEmail()
    {
        return email;
    }

    public TokenChannelConfig getNtfy()
    {
        return ntfy;
    }

    public TelegramConfig getTelegram()
    {
        return telegram;
    }

    public TokenChannelConfig getMattermost()
    {
        return mattermost;
    }

    public TokenChannelConfig getTeams()
    {
        return teams;
    }
}
