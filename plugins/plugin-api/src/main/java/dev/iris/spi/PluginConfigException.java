package dev.iris.spi;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a factory's {@code create} when its configuration is invalid. Iris stops at startup
 * with this message, so it must name the bad key and say what is expected, and it must never
 * contain a secret value.
 */
public class PluginConfigException
        extends RuntimeException
{
    private final String key;

    public PluginConfigException(String key, String message)
    {
        super(requireNonNull(key, "key is null") + ": " + requireNonNull(message, "message is null"));
        this.key = key;
    }

    /**
     * The configuration key that is wrong or missing.
     */
    public String getKey()
    {
        return key;
    }
}
