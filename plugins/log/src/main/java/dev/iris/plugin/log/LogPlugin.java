package dev.iris.plugin.log;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * The {@code log} vendor: writes each message to the sender's log (Iris's {@code iris_dummy}).
 */
public final class LogPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new LogVendorFactory());
    }
}
