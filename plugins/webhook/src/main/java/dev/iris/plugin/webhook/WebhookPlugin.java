package dev.iris.plugin.webhook;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Messages POSTed as signed JSON to a URL, for chat tools and custom receivers.
 */
public final class WebhookPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new WebhookVendorFactory());
    }
}
