package dev.iris.plugin.smtp;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Set;

/**
 * {@code type: smtp}. See {@link SmtpConfig} for the settings.
 */
public final class SmtpVendorFactory
        implements VendorFactory
{
    @Override
    public String getName()
    {
        return "smtp";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(SmtpConfig.PASSWORD);
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        SmtpConfig smtp = SmtpConfig.from(config);
        return new SmtpVendor(smtp, new DnsMxResolver(smtp.timeout()), context.clock());
    }
}
