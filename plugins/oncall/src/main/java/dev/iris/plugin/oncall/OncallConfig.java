package dev.iris.plugin.oncall;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the Oncall role lookup, with Iris's keys: {@code oncall-api} (Oncall's base
 * URL, without {@code /api/v0}), {@code oncall-app} and {@code oncall-key} (the application
 * credentials requests are signed with; both or neither). Added: {@code timeout} (seconds,
 * default 5) and {@code cache_seconds} (how long an answer is reused, default 60; 0 disables).
 */
record OncallConfig(URI apiBaseUrl, Optional<String> application, Optional<String> key, Duration timeout, Duration cacheTtl)
{
    static final String API = "oncall-api";
    static final String APPLICATION = "oncall-app";
    static final String KEY = "oncall-key";
    static final String TIMEOUT = "timeout";
    static final String CACHE_SECONDS = "cache_seconds";

    private static final Set<String> KEYS = Set.of(API, APPLICATION, KEY, TIMEOUT, CACHE_SECONDS);

    OncallConfig
    {
        requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        requireNonNull(application, "application is null");
        requireNonNull(key, "key is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(cacheTtl, "cacheTtl is null");
    }

    static OncallConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        URI api;
        try {
            String text = config.required(API).trim();
            api = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
        catch (java.net.URISyntaxException e) {
            throw new PluginConfigException(API, "must be an http or https URL");
        }
        if (api.getScheme() == null || !Set.of("http", "https").contains(api.getScheme().toLowerCase(Locale.ROOT)) || api.getHost() == null) {
            throw new PluginConfigException(API, "must be an http or https URL");
        }
        Optional<String> application = config.optional(APPLICATION);
        Optional<String> key = config.optional(KEY);
        if (application.isPresent() != key.isPresent()) {
            throw new PluginConfigException(application.isPresent() ? KEY : APPLICATION, "must be set together with " + (application.isPresent() ? APPLICATION : KEY));
        }
        int timeout = config.intValue(TIMEOUT, 5);
        if (timeout < 1 || timeout > 60) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 60 seconds");
        }
        int cacheSeconds = config.intValue(CACHE_SECONDS, 60);
        if (cacheSeconds < 0 || cacheSeconds > 3600) {
            throw new PluginConfigException(CACHE_SECONDS, "must be between 0 and 3600");
        }
        return new OncallConfig(api, application, key, Duration.ofSeconds(timeout), Duration.ofSeconds(cacheSeconds));
    }

    @Override
    public String toString()
    {
        return "OncallConfig{api=" + apiBaseUrl + ", app=" + application.orElse("") + "}";
    }
}
