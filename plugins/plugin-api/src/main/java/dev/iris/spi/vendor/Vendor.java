package dev.iris.spi.vendor;

import java.util.Set;

/**
 * Delivers messages through one external service (an SMS gateway, a mail server, a chat API).
 *
 * <p>Threading: {@link #send} is called concurrently from several sender threads; implementations
 * must be thread-safe. Iris calls {@code send} outside any database transaction, after the message
 * is durably recorded, and records the outcome afterwards.
 *
 * <p>Retries: a vendor must not retry internally in a way that could deliver a page twice (for
 * example an HTTP client that re-POSTs after a read timeout). It reports the failure with a
 * {@link VendorException.Category} and lets Iris's sender decide.
 *
 * <p>Lifecycle: created by {@link VendorFactory#create}, closed once when the sender stops.
 */
public interface Vendor
        extends AutoCloseable
{
    /**
     * The modes this instance delivers, such as {@code sms}, {@code call}, {@code email},
     * {@code slack}. Constant for the life of the instance.
     */
    Set<String> supportedModes();

    /**
     * Sends one message.
     *
     * @return the vendor's receipt; never {@code null}
     * @throws VendorException when the message was not accepted; its category drives Iris's retry
     *         and failover
     */
    SendResult send(OutboundMessage message)
            throws VendorException;

    @Override
    default void close() {}
}
