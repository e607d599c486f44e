package dev.iris.plugin.smtp;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Email through an SMTP server with Jakarta Mail.
 */
public final class SmtpPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new SmtpVendorFactory());
    }
}
