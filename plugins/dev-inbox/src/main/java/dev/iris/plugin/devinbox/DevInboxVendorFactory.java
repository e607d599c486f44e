package dev.iris.plugin.devinbox;

import dev.iris.core.plugin.CoreServices;
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
 *
 * <p>The dev vendor writes the {@code dev_inbox} table of Iris's schema, so it takes Iris's
 * database from Iris's own plugin context ({@link CoreServices}) rather than from the SPI, which
 * gives plugins no database. That ties this module to iris-core, which is fine for a vendor that
 * only {@code ./iris dev} and the tests load, inside Iris; a recorder service in the SPI instead
 * would offer every third-party plugin a dev-only service.
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
        return new DevInboxVendor(config.pluginName(), modes, CoreServices.of(context, "the dev vendor").jdbi(), context.clock());
    }
}
