package dev.iris.plugin.ntfy;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: ntfy}. See {@link NtfyConfig} for the settings.
 */
public final class NtfyVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "ntfy";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(NtfyConfig.ACCESS_TOKEN, NtfyConfig.ACTION_SECRET);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new NtfyVendor(NtfyConfig.from(config), context.clock());
    }
}
