package dev.iris.spi.vendor;

import java.util.Optional;

/**
 * A vendor's receipt for an accepted message.
 *
 * @param vendorMessageId the vendor's own id (Twilio SID, SMTP Message-ID, Slack ts), used to
 *        match delivery callbacks; {@code null} when the vendor has none
 */
public record SendResult(String vendorMessageId)
{
    public static SendResult accepted()
    {
        return new SendResult(null);
    }

    public static SendResult accepted(String vendorMessageId)
    {
        return new SendResult(vendorMessageId);
    }

    public Optional<String> vendorMessageIdIfAny()
    {
        return Optional.ofNullable(vendorMessageId);
    }
}
