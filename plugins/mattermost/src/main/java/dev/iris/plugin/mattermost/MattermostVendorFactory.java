package dev.iris.plugin.mattermost;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.action.ClaimTokenSettings;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: mattermost}. See {@link MattermostConfig} for the settings.
 */
public final class MattermostVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "mattermost";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        // The webhook URL's last segment is the hook's secret: whoever has it can post.
        return Set.of(MattermostConfig.WEBHOOK_URL, ClaimTokenSettings.ACTION_SECRET);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new MattermostVendor(MattermostConfig.from(config), context.clock());
    }
}
