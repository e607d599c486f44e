package dev.iris.plugin.teams;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Pages in a Microsoft Teams channel through a Workflows webhook: an Adaptive Card that mentions
 * the person, with a Claim link to iris-relay.
 */
public final class TeamsPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new TeamsVendorFactory());
    }
}
