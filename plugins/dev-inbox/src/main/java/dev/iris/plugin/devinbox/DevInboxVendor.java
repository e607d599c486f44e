package dev.iris.plugin.devinbox;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Clock;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Records each message as one {@code dev_inbox} row. The row id is the vendor message id.
 */
final class DevInboxVendor
        implements Vendor
{
    private final String name;
    private final Set<String> modes;
    private final Jdbi jdbi;
    private final Clock clock;

    DevInboxVendor(String name, Set<String> modes, Jdbi jdbi, Clock clock)
    {
        this.name = requireNonNull(name, "name is null");
        this.modes = Set.copyOf(modes);
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Set<String> supportedModes()
    {
        return modes;
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        try {
            long id = jdbi.withExtension(DevInboxDao.class, dao -> dao.record(clock.instant(), message.messageId(), name, message.mode(),
                    message.destination(), message.subject(), message.body()));
            return SendResult.accepted("dev-" + id);
        }
        catch (JdbiException e) {
            throw new VendorException(VendorException.Category.TRANSIENT, "dev inbox could not record the message: " + e.getMessage(), e);
        }
    }
}
