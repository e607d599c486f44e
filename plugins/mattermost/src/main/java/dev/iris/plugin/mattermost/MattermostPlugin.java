package dev.iris.plugin.mattermost;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Pages in a (self-hosted) Mattermost through an incoming webhook, with an interactive Claim button.
 */
public final class MattermostPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new MattermostVendorFactory());
    }
}
