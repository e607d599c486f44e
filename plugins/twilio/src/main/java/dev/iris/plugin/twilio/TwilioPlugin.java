package dev.iris.plugin.twilio;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * SMS and voice calls through Twilio.
 */
public final class TwilioPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new TwilioVendorFactory());
    }
}
