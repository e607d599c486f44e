package dev.iris.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A plugin instance's configuration: the string map under {@code config:} in Iris's YAML, with
 * helpers that fail with a {@link PluginConfigException} naming the key. Values that are lists or
 * maps in YAML arrive flattened with dotted keys ({@code numbers.app1 = +1555...}).
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} never shows values, because a plugin's
 * configuration may hold secrets.
 */
public final class PluginConfig
{
    private final String pluginName;
    private final Map<String, String> values;

    public PluginConfig(String pluginName, Map<String, String> values)
    {
        this.pluginName = requireNonNull(pluginName, "pluginName is null");
        this.values = Map.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * The instance name from the YAML ({@code name:}), used in logs and metrics.
     */
    public String pluginName()
    {
        return pluginName;
    }

    public Map<String, String> asMap()
    {
        return values;
    }

    public Optional<String> optional(String key)
    {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * @throws PluginConfigException when the key is absent or blank
     */
    public String required(String key)
    {
        return optional(key).orElseThrow(() -> new PluginConfigException(key, "is required for " + pluginName));
    }

    public int intValue(String key, int defaultValue)
    {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        }
        catch (NumberFormatException e) {
            throw new PluginConfigException(key, "must be a whole number");
        }
    }

    public boolean booleanValue(String key, boolean defaultValue)
    {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new PluginConfigException(key, "must be true or false");
    }

    /**
     * A required http or https URL with a host, without a trailing slash.
     *
     * @throws PluginConfigException when the key is absent, blank or not such a URL
     */
    public String requiredHttpUrl(String key)
    {
        String value = required(key).strip();
        try {
            java.net.URI uri = new java.net.URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new PluginConfigException(key, "must be an http or https URL");
            }
        }
        catch (java.net.URISyntaxException e) {
            throw new PluginConfigException(key, "must be an http or https URL");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * Entries whose key starts with {@code prefix + "."}, with the prefix removed.
     */
    public Map<String, String> subMap(String prefix)
    {
        String dotted = prefix + ".";
        Map<String, String> result = new java.util.TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(dotted)) {
                result.put(key.substring(dotted.length()), value);
            }
        });
        return Map.copyOf(result);
    }

    /**
     * Fails when the configuration has a key outside {@code allowed} (or a dotted key whose first
     * part is outside it), so a typo is reported at startup instead of silently ignored.
     */
    public void rejectUnknownKeys(Set<String> allowed)
    {
        for (String key : values.keySet()) {
            String head = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!allowed.contains(key) && !allowed.contains(head)) {
                throw new PluginConfigException(key, "is not a setting of " + pluginName + "; known settings: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    @Override
    public String toString()
    {
        return "PluginConfig{" + pluginName + ", keys=" + new java.util.TreeSet<>(values.keySet()) + "}";
    }
}
