package dev.iris.plugin.devinbox;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * The {@code dev} vendor: delivers nothing, records every message in the {@code dev_inbox} table
 * so the dev inbox page shows what a person would have received.
 */
public final class DevInboxPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new DevInboxVendorFactory());
    }
}
