package dev.iris.sender.dispatch;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the dispatcher retries.
 *
 * @param sendDeadline how long a sender owns a message it moved to sending; it must exceed the
 *        slowest vendor call, because after it another sender sends the message again
 * @param maxAttempts claims of one message before it is marked failed
 * @param retryBackoff the wait after the first transient failure; it doubles per attempt
 * @param maxBackoff the longest wait between attempts
 */
public record DispatchSettings(Duration sendDeadline, int maxAttempts, Duration retryBackoff, Duration maxBackoff)
{
    public DispatchSettings
    {
        requireNonNull(sendDeadline, "sendDeadline is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static DispatchSettings defaults()
    {
        return new DispatchSettings(Duration.ofSeconds(60), 4, Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    Duration backoff(int attempt)
    {
        Duration backoff = retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
