package dev.iris.plugin.devinbox;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
    private final DataSource dataSource;
    private final Clock clock;

    DevInboxVendor(String name, Set<String> modes, DataSource dataSource, Clock clock)
    {
        this.name = requireNonNull(name, "name is null");
        this.modes = Set.copyOf(modes);
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO dev_inbox (created, message_id, vendor, mode, destination, subject, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setLong(2, message.messageId());
            insert.setString(3, name);
            insert.setString(4, message.mode());
            insert.setString(5, message.destination());
            insert.setString(6, message.subject());
            insert.setString(7, message.body());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? SendResult.accepted("dev-" + keys.getLong(1)) : SendResult.accepted();
            }
        }
        catch (SQLException e) {
            throw new VendorException(VendorException.Category.TRANSIENT, "dev inbox could not record the message: " + e.getMessage(), e);
        }
    }
}
