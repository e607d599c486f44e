package dev.iris.plugin.twilio;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: twilio}. See {@link TwilioConfig} for the settings.
 */
public final class TwilioVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "twilio";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(TwilioConfig.AUTH_TOKEN);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        return new TwilioVendor(TwilioConfig.from(config));
    }
}
