package dev.iris.spi;

import java.util.Set;

/**
 * Creates {@link Authenticator}s for the web UI login, chosen by {@link #getName()} in the
 * {@code auth:} section of the API config.
 */
public interface AuthenticatorFactory
{
    /**
     * The name used as {@code type:} in YAML; matches {@code [a-z][a-z0-9_-]*}.
     */
    String getName();

    /**
     * Configuration keys whose values are secrets and must never be logged or shown.
     */
    default Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of();
    }

    /**
     * @throws PluginConfigException when the configuration is invalid
     */
    Authenticator create(PluginConfig config, PluginContext context);
}
