package dev.iris.spi.vendor;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.Set;

/**
 * Creates {@link Vendor} instances from a {@code vendors:} entry of the sender config:
 * {@code {type: <getName()>, name: <instance name>, config: {...}}}.
 */
public interface VendorFactory
{
    /**
     * The name used as {@code type:} in YAML; matches {@code [a-z][a-z0-9_-]*}. Two factories
     * with one name make Iris fail at startup.
     */
    String getName();

    /**
     * Configuration keys whose values are secrets (tokens, passwords). Iris never logs them; the
     * plugin must not either.
     */
    default Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of();
    }

    /**
     * Validates the configuration and creates a vendor. Called once per configured instance at
     * startup; must not send anything.
     *
     * @throws dev.iris.spi.PluginConfigException when a key is missing or invalid, naming the key
     */
    Vendor create(PluginConfig config, PluginContext context);
}
