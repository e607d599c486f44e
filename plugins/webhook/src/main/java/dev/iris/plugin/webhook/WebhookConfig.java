package dev.iris.plugin.webhook;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a webhook vendor instance:
 * <ul>
 * <li>{@code secret} (required, at least 16 characters): the HMAC-SHA256 key receivers verify
 * the signature with;</li>
 * <li>{@code modes}: the modes served, comma-separated (default {@code webhook});</li>
 * <li>{@code allowed_hosts}: comma-separated host names the destination URL may point at; when
 * set, any other host is refused, so a user's contact cannot aim Iris at internal services;</li>
 * <li>{@code allow_http}: whether plain {@code http://} destinations are allowed (default false);</li>
 * <li>{@code timeout} in seconds (default 10).</li>
 * </ul>
 */
record WebhookConfig(String secret, Set<String> modes, Set<String> allowedHosts, boolean allowHttp, Duration timeout)
{
    static final String SECRET = "secret";
    static final String MODES = "modes";
    static final String ALLOWED_HOSTS = "allowed_hosts";
    static final String ALLOW_HTTP = "allow_http";
    static final String TIMEOUT = "timeout";

    private static final Set<String> KEYS = Set.of(SECRET, MODES, ALLOWED_HOSTS, ALLOW_HTTP, TIMEOUT);
    private static final Pattern MODE = Pattern.compile("[a-z][a-z0-9_-]*");

    WebhookConfig
    {
        requireNonNull(secret, "secret is null");
        modes = Set.copyOf(modes);
        allowedHosts = Set.copyOf(allowedHosts);
        requireNonNull(timeout, "timeout is null");
    }

    static WebhookConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        String secret = config.required(SECRET);
        if (secret.length() < 16) {
            throw new PluginConfigException(SECRET, "must be at least 16 characters");
        }
        Set<String> modes = list(config.optional(MODES).orElse("webhook"));
        for (String mode : modes) {
            if (!MODE.matcher(mode).matches()) {
                throw new PluginConfigException(MODES, "must be mode names such as webhook");
            }
        }
        if (modes.isEmpty()) {
            throw new PluginConfigException(MODES, "must name at least one mode");
        }
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        Set<String> allowedHosts = list(config.optional(ALLOWED_HOSTS).orElse("")).stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new WebhookConfig(secret, modes, allowedHosts, config.booleanValue(ALLOW_HTTP, false), Duration.ofSeconds(timeoutSeconds));
    }

    private static Set<String> list(String value)
    {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString()
    {
        return "WebhookConfig{modes=" + modes + ", allowedHosts=" + allowedHosts + "}";
    }
}
