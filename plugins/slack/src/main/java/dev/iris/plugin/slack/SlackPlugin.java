package dev.iris.plugin.slack;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Slack messages through the Web API's {@code chat.postMessage}.
 */
public final class SlackPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new SlackVendorFactory());
    }
}
