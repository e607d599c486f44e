package dev.iris.plugin.telegram;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;
import java.util.Set;

/**
 * Telegram messages through a bot ({@code type: telegram}); see {@link TelegramConfig}.
 */
public final class TelegramPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new VendorFactory()
        {
            @Override
            public String getName()
            {
                return "telegram";
            }

            @Override
            public Set<String> getSecuritySensitivePropertyNames()
            {
                return Set.of(TelegramConfig.BOT_TOKEN);
            }

            @Override
            public Vendor create(PluginConfig config, PluginContext context)
            {
                return new TelegramVendor(TelegramConfig.from(config));
            }
        });
    }
}
