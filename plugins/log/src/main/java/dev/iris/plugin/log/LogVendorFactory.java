package dev.iris.plugin.log;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code {type: log, config: {modes: "email,sms"}}}; {@code modes} defaults to every mode.
 */
public final class LogVendorFactory
        implements VendorFactory
{
    static final Set<String> ALL_MODES = Set.of("call", "email", "sms", "slack", "im", "webhook", "push");

    @Override
    public String getName()
    {
        return "log";
    }

    @Override
    public Vendor create(PluginConfig config, PluginContext context)
    {
        config.rejectUnknownKeys(Set.of("modes"));
        Set<String> modes = config.optional("modes")
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(mode -> !mode.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(ALL_MODES);
        return new LogVendor(config.pluginName(), modes);
    }
}
