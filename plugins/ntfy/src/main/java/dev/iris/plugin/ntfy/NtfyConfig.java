package dev.iris.plugin.ntfy;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.action.ClaimTokenSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The settings of an ntfy vendor instance: {@code server_url} (the ntfy server, such as
 * {@code https://ntfy.example.com}), {@code access_token} (an ntfy access token, {@code tk_...},
 * when the server requires one), {@code relay_base_url} (iris-relay's public URL, which the claim
 * button calls), {@code action_secret} (signs the claim tokens; the relay's
 * {@code ntfy.actionSecret}), {@code iris_incident_url} (the UI's incident page; the notification
 * opens it), {@code claim_ttl} (how long a claim button works, seconds, default 14400) and
 * {@code timeout} (seconds, default 10).
 */
record NtfyConfig(
        URI serverUrl,
        Optional<String> accessToken,
        String relayBaseUrl,
        String actionSecret,
        String incidentUrl,
        Duration claimTtl,
        Duration timeout)
{
    static final String SERVER_URL = "server_url";
    static final String ACCESS_TOKEN = "access_token";
    static final String RELAY_BASE_URL = "relay_base_url";
    static final String ACTION_SECRET = ClaimTokenSettings.ACTION_SECRET;
    static final String IRIS_INCIDENT_URL = "iris_incident_url";
    static final String CLAIM_TTL = ClaimTokenSettings.CLAIM_TTL;
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(SERVER_URL, ACCESS_TOKEN, RELAY_BASE_URL, ACTION_SECRET, IRIS_INCIDENT_URL, CLAIM_TTL, TIMEOUT);

    NtfyConfig
    {
        requireNonNull(serverUrl, "serverUrl is null");
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(relayBaseUrl, "relayBaseUrl is null");
        requireNonNull(actionSecret, "actionSecret is null");
        requireNonNull(incidentUrl, "incidentUrl is null");
        requireNonNull(claimTtl, "claimTtl is null");
        requireNonNull(timeout, "timeout is null");
    }

    static NtfyConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        Optional<String> token = config.optional(ACCESS_TOKEN).map(String::strip);
        if (token.isPresent() && token.get().chars().anyMatch(Character::isWhitespace)) {
            throw new PluginConfigException(ACCESS_TOKEN, "must be an ntfy access token without spaces");
        }
        ClaimTokenSettings claims = ClaimTokenSettings.from(config);
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        return new NtfyConfig(
                URI.create(config.requiredHttpUrl(SERVER_URL) + "/"),
                token,
                config.requiredHttpUrl(RELAY_BASE_URL),
                claims.actionSecret(),
                config.requiredHttpUrl(IRIS_INCIDENT_URL),
                claims.claimTtl(),
                Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * Publishing as JSON goes to the server's root, with the topic in the body.
     */
    URI publishUrl()
    {
        return serverUrl;
    }

    String claimUrl()
    {
        return relayBaseUrl + "/api/v0/ntfy/claim";
    }

    @Override
    public String toString()
    {
        return "NtfyConfig{serverUrl=" + serverUrl + "}";
    }
}
