package dev.iris.plugin.mattermost;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.action.ClaimTokenSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a Mattermost vendor instance: {@code webhook_url} (an incoming webhook,
 * {@code https://mattermost.example.com/hooks/<id>}, not locked to a channel so that it can post to
 * {@code @user}; a secret), {@code relay_base_url} (iris-relay's public URL, which Mattermost's
 * server calls when the button is pressed), {@code action_secret} and {@code claim_ttl} (see
 * {@link ClaimTokenSettings}), {@code iris_incident_url}, {@code username} (the name the post
 * shows, when the server lets webhooks override it) and {@code timeout} (seconds, default 10).
 */
record MattermostConfig(
        URI webhookUrl,
        String relayBaseUrl,
        ClaimTokenSettings claims,
        String incidentUrl,
        Optional<String> username,
        Duration timeout)
{
    static final String WEBHOOK_URL = "webhook_url";
    static final String RELAY_BASE_URL = "relay_base_url";
    static final String IRIS_INCIDENT_URL = "iris_incident_url";
    static final String USERNAME = "username";
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(WEBHOOK_URL, RELAY_BASE_URL, ClaimTokenSettings.ACTION_SECRET, ClaimTokenSettings.CLAIM_TTL,
            IRIS_INCIDENT_URL, USERNAME, TIMEOUT);

    MattermostConfig
    {
        requireNonNull(webhookUrl, "webhookUrl is null");
        requireNonNull(relayBaseUrl, "relayBaseUrl is null");
        requireNonNull(claims, "claims is null");
        requireNonNull(incidentUrl, "incidentUrl is null");
        requireNonNull(username, "username is null");
        requireNonNull(timeout, "timeout is null");
    }

    static MattermostConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        URI webhook = URI.create(config.requiredHttpUrl(WEBHOOK_URL));
        if (!webhook.getPath().matches(".*/hooks/[A-Za-z0-9]+")) {
            // Do not echo the URL: its last segment is the secret.
            throw new PluginConfigException(WEBHOOK_URL, "must be a Mattermost incoming webhook URL (.../hooks/<id>)");
        }
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        return new MattermostConfig(
                webhook,
                config.requiredHttpUrl(RELAY_BASE_URL),
                ClaimTokenSettings.from(config),
                config.requiredHttpUrl(IRIS_INCIDENT_URL),
                config.optional(USERNAME).map(String::strip),
                Duration.ofSeconds(timeoutSeconds));
    }

    String actionUrl()
    {
        return relayBaseUrl + "/api/v0/mattermost/action";
    }

    @Override
    public String toString()
    {
        return "MattermostConfig{host=" + webhookUrl.getHost() + "}";
    }
}
