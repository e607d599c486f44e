package dev.iris.plugin.log;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LogVendorTest
{
    private static VendorFactory factory()
    {
        return ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .filter(candidate -> candidate.getName().equals("log"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void isFoundByServiceLoaderAndAcceptsEveryMessage()
            throws Exception
    {
        Vendor vendor = factory().create(new PluginConfig("log", Map.of()), new PluginContext() {});
        assertThat(vendor.supportedModes()).contains("sms", "email", "call", "slack");
        OutboundMessage message = new OutboundMessage(1, "sms", "+15550001", "subject", "body", null, "app", "high", 7L, null, "plan", true,
                Map.of("from", "secret-sender@example.com"));
        assertThat(vendor.send(message).vendorMessageIdIfAny()).isEmpty();
    }

    @Test
    void servesOnlyTheConfiguredModes()
    {
        Vendor vendor = factory().create(new PluginConfig("log", Map.of("modes", "im, webhook")), new PluginContext() {});
        assertThat(vendor.supportedModes()).isEqualTo(Set.of("im", "webhook"));
    }

    @Test
    void rejectsUnknownSettings()
    {
        assertThatThrownBy(() -> factory().create(new PluginConfig("log", Map.of("mode", "sms")), new PluginContext() {}))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("mode");
    }
}
