package dev.iris.spi.vendor;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A failed send, with a category that tells Iris what to do next. The message must describe the
 * failure for an operator (it is stored with the message and shown in the UI) and must never
 * contain a credential.
 */
public class VendorException
        extends Exception
{
    /**
     * What kind of failure this is.
     */
    public enum Category
    {
        /**
         * Might work later or through another instance: timeouts, 5xx, 429, connection refused.
         * Iris retries with backoff and fails over to the next vendor for the mode.
         */
        TRANSIENT,
        /**
         * Will never work for this message: invalid or unsubscribed number, rejected address.
         * Iris records it, does not retry the same destination, and falls back to another mode.
         */
        PERMANENT,
        /**
         * This vendor instance is misconfigured (bad credentials, unknown sender). Iris fails over
         * to another instance and reports the instance as unhealthy.
         */
        CONFIGURATION,
    }

    private final Category category;
    private final Duration retryAfter;

    public VendorException(Category category, String message)
    {
        this(category, message, null, null);
    }

    public VendorException(Category category, String message, Throwable cause)
    {
        this(category, message, null, cause);
    }

    /**
     * @param retryAfter how long the vendor asked us to wait (HTTP 429 Retry-After), or null
     */
    public VendorException(Category category, String message, Duration retryAfter, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
        this.retryAfter = retryAfter;
    }

    public Category getCategory()
    {
        return category;
    }

    /**
     * How long the vendor asked Iris to wait before trying again, when it said.
     */
    public Optional<Duration> getRetryAfter()
    {
        return Optional.ofNullable(retryAfter);
    }
}
