package dev.iris.plugin.telegram;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a Telegram vendor instance: {@code bot_token} (from BotFather,
 * {@code 123456:ABC...}), {@code base_url} (default {@code https://api.telegram.org}, or a
 * self-hosted Bot API server), {@code iris_incident_url} (the UI's incident page) and
 * {@code timeout} in seconds (default 10).
 */
record TelegramConfig(String botToken, String baseUrl, String incidentUrl, Duration timeout)
{
    static final String BOT_TOKEN = "bot_token";
    static final String BASE_URL = "base_url";
    static final String IRIS_INCIDENT_URL = "iris_incident_url";
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(BOT_TOKEN, BASE_URL, IRIS_INCIDENT_URL, TIMEOUT);
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");

    TelegramConfig
    {
        requireNonNull(botToken, "botToken is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(incidentUrl, "incidentUrl is null");
        requireNonNull(timeout, "timeout is null");
    }

    static TelegramConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        String token = config.required(BOT_TOKEN).strip();
        if (!TOKEN.matcher(token).matches()) {
            throw new PluginConfigException(BOT_TOKEN, "must be a bot token as BotFather gives it (<digits>:<letters>)");
        }
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        String baseUrl = config.optional(BASE_URL).isPresent() ? config.requiredHttpUrl(BASE_URL) : "https://api.telegram.org";
        return new TelegramConfig(token, baseUrl, config.requiredHttpUrl(IRIS_INCIDENT_URL), Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * The Bot API method URL; it contains the token, so it is never logged or put in a message.
     */
    URI methodUrl(String method)
    {
        return URI.create(baseUrl + "/bot" + botToken + "/" + method);
    }

    @Override
    public String toString()
    {
        return "TelegramConfig{baseUrl=" + baseUrl + "}";
    }
}
