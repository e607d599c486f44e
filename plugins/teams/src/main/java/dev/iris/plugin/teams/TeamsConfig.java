package dev.iris.plugin.teams;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.action.ClaimTokenSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a Teams vendor instance: {@code webhook_url} (the URL of a Teams Workflows flow
 * "When a Teams webhook request is received" that posts the card to a channel; a secret, since its
 * {@code sig} parameter is the only thing that guards it), {@code relay_base_url} (iris-relay's
 * public URL, which the Claim link opens), {@code action_secret} and {@code claim_ttl} (see
 * {@link ClaimTokenSettings}), {@code iris_incident_url} and {@code timeout} (seconds, default 10).
 */
record TeamsConfig(
        URI webhookUrl,
        String relayBaseUrl,
        ClaimTokenSettings claims,
        String incidentUrl,
        Duration timeout)
{
    static final String WEBHOOK_URL = "webhook_url";
    static final String RELAY_BASE_URL = "relay_base_url";
    static final String IRIS_INCIDENT_URL = "iris_incident_url";
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(WEBHOOK_URL, RELAY_BASE_URL, ClaimTokenSettings.ACTION_SECRET, ClaimTokenSettings.CLAIM_TTL,
            IRIS_INCIDENT_URL, TIMEOUT);

    TeamsConfig
    {
        requireNonNull(webhookUrl, "webhookUrl is null");
        requireNonNull(relayBaseUrl, "relayBaseUrl is null");
        requireNonNull(claims, "claims is null");
        requireNonNull(incidentUrl, "incidentUrl is null");
        requireNonNull(timeout, "timeout is null");
    }

    static TeamsConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        return new TeamsConfig(
                URI.create(config.requiredHttpUrl(WEBHOOK_URL)),
                config.requiredHttpUrl(RELAY_BASE_URL),
                ClaimTokenSettings.from(config),
                config.requiredHttpUrl(IRIS_INCIDENT_URL),
                Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * The Claim link. The token goes in the fragment, which a browser never sends: it stays out of
     * access logs, proxies and Referer headers, and a link preview that fetches the page gets only
     * the confirmation page, which claims nothing.
     */
    String claimUrl(String token)
    {
        return relayBaseUrl + "/api/v0/teams/claim#" + token;
    }

    @Override
    public String toString()
    {
        return "TeamsConfig{host=" + webhookUrl.getHost() + "}";
    }
}
