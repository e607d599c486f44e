package dev.iris.plugin.slack;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: slack}. See {@link SlackConfig} for the settings.
 */
public final class SlackVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "slack";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(SlackConfig.AUTH_TOKEN);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new SlackVendor(SlackConfig.from(config));
    }
}
