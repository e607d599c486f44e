package dev.iris.plugin.slack;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a Slack vendor instance, with Iris's keys: {@code auth_token} (the bot token,
 * {@code xoxb-...}), {@code base_url} (default {@code https://slack.com/api}),
 * {@code iris_incident_url} (the UI's incident page, the incident id is appended),
 * {@code message_attachments.fallback} and {@code message_attachments.pretext}, and
 * {@code timeout} in seconds (default 10).
 */
record SlackConfig(
        String authToken,
        URI baseUrl,
        String incidentUrl,
        Optional<String> attachmentFallback,
        Optional<String> attachmentPretext,
        Duration timeout)
{
    static final String AUTH_TOKEN = "auth_token";
    static final String BASE_URL = "base_url";
    static final String IRIS_INCIDENT_URL = "iris_incident_url";
    static final String MESSAGE_ATTACHMENTS = "message_attachments";
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(AUTH_TOKEN, BASE_URL, IRIS_INCIDENT_URL, MESSAGE_ATTACHMENTS, TIMEOUT);

    SlackConfig
    {
        requireNonNull(authToken, "authToken is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(incidentUrl, "incidentUrl is null");
        requireNonNull(attachmentFallback, "attachmentFallback is null");
        requireNonNull(attachmentPretext, "attachmentPretext is null");
        requireNonNull(timeout, "timeout is null");
    }

    static SlackConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        for (String key : config.subMap(MESSAGE_ATTACHMENTS).keySet()) {
            if (!key.equals("fallback") && !key.equals("pretext")) {
                throw new PluginConfigException(MESSAGE_ATTACHMENTS + "." + key, "is not a setting; known: fallback, pretext");
            }
        }
        String token = config.required(AUTH_TOKEN).trim();
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new PluginConfigException(AUTH_TOKEN, "must be a Slack token without spaces");
        }
        String incidentUrl = httpUrl(IRIS_INCIDENT_URL, config.required(IRIS_INCIDENT_URL)).toString();
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        return new SlackConfig(
                token,
                httpUrl(BASE_URL, config.optional(BASE_URL).orElse("https://slack.com/api")),
                incidentUrl.endsWith("/") ? incidentUrl.substring(0, incidentUrl.length() - 1) : incidentUrl,
                config.optional(MESSAGE_ATTACHMENTS + ".fallback"),
                config.optional(MESSAGE_ATTACHMENTS + ".pretext"),
                Duration.ofSeconds(timeoutSeconds));
    }

    URI postMessageUrl()
    {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat.postMessage");
    }

    private static URI httpUrl(String key, String value)
    {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                throw new PluginConfigException(key, "must be an http or https URL");
            }
            return uri;
        }
        catch (java.net.URISyntaxException e) {
            throw new PluginConfigException(key, "must be an http or https URL");
        }
    }

    @Override
    public String toString()
    {
        return "SlackConfig{baseUrl=" + baseUrl + "}";
    }
}
