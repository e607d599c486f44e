package dev.iris.plugin.log;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Logs who would get which message. The SPI allows JDK types only, so this logs through
 * java.util.logging (Dropwizard routes it to the sender's log). Message headers are not logged:
 * they may carry per-application settings.
 */
final class LogVendor
        implements Vendor
{
    private static final Logger LOG = Logger.getLogger(LogVendor.class.getName());

    private final String name;
    private final Set<String> modes;

    LogVendor(String name, Set<String> modes)
    {
        this.name = requireNonNull(name, "name is null");
        this.modes = Set.copyOf(modes);
    }

    @Override
    public Set<String> supportedModes()
    {
        return modes;
    }

    @Override
    public SendResult send(OutboundMessage message)
    {
        LOG.log(Level.INFO, "[{0}] {1} message {2} to {3}: {4} | {5}", new Object[] {
                name, message.mode(), String.valueOf(message.messageId()), message.destination(), message.subject(), message.body()});
        return SendResult.accepted();
    }
}
