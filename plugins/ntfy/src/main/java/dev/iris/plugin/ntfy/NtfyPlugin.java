package dev.iris.plugin.ntfy;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * Push notifications through a (self-hosted) ntfy server, with a one-tap claim button.
 */
public final class NtfyPlugin
        implements IrisPlugin
{
    @Override
    public List<VendorFactory> getVendorFactories()
    {
        return List.of(new NtfyVendorFactory());
    }
}
