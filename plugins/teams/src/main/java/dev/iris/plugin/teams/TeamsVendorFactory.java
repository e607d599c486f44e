package dev.iris.plugin.teams;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.action.ClaimTokenSettings;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: teams}. See {@link TeamsConfig} for the settings.
 */
public final class TeamsVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "teams";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        // A Workflows URL carries its own signature (sig=...): whoever has it can post.
        return Set.of(TeamsConfig.WEBHOOK_URL, ClaimTokenSettings.ACTION_SECRET);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new TeamsVendor(TeamsConfig.from(config), context.clock());
    }
}
