package dev.iris.plugin.devinbox;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code {type: dev, config: {modes: "call,email,sms,slack"}}}; {@code modes} is optional and
 * defaults to every mode Iris knows.
 */
public final class DevInboxVendorFactory
        implements VendorFactory
{
    static final Set<String> ALL_MODES = Set.of("call", "email", "sms", "slack", "im", "webhook", "push");

    @Override
    public String getName()
    {
        return "dev";
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        config.rejectUnknownKeys(Set.of("modes"));
        Set<String> modes = config.optional("modes")
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(mode -> !mode.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(ALL_MODES);
        return new DevInboxVendor(config.pluginName(), modes, context.dataSource(), context.clock());
    }
}
