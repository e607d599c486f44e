package dev.iris.plugin.webhook;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: webhook}. See {@link WebhookConfig} for the settings.
 */
public final class WebhookVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "webhook";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(WebhookConfig.SECRET);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new WebhookVendor(WebhookConfig.from(config), context.clock());
    }
}
