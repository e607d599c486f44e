package dev.iris.spi.rolelookup;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.Set;

/**
 * Creates {@link RoleLookup}s from a {@code role_lookups:} entry of the config:
 * {@code {type: <getName()>, config: {...}}}. Lookups are tried in the configured order.
 */
public interface RoleLookupFactory
{
    /**
     * The name used as {@code type:} in YAML; matches {@code [a-z][a-z0-9_-]*}.
     */
    String getName();

    default Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of();
    }

    /**
     * @throws dev.iris.spi.PluginConfigException when the configuration is invalid
     */
    RoleLookup create(PluginConfig config, PluginContext context);
}
