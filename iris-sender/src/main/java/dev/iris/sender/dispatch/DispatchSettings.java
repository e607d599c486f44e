package dev.iris.sender.dispatch;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the dispatcher retries and falls back.
 *
 * @param sendDeadline how long a sender owns a message it moved to sending; it must exceed twice
 *        the slowest vendor call, because after it another sender sends the message again and a
 *        send may wait half of it for a place under its vendor's limit ({@link VendorSendLimit})
 * @param deliveryBudget how long after its first attempt a failing page keeps being retried (in
 *        its own mode, then the person's fallback modes) before it is declared undeliverable
 * @param fallbackAfter how long transient failures of one mode are retried before the page moves
 *        on to the person's next mode; a permanent failure moves on at once
 * @param retryBackoff the wait after the first transient failure; it doubles per attempt
 * @param maxBackoff the longest wait between attempts
 * @param fallbackModes the order in which a failing page tries the person's other modes (Iris
 *        falls back to email only; email comes first here too)
 */
public record DispatchSettings(Duration sendDeadline, Duration deliveryBudget, Duration fallbackAfter, Duration retryBackoff,
        Duration maxBackoff, List<String> fallbackModes)
{
    /**
     * Iris's one fallback first, then the modes that wake people up, then the chat and push
     * channels (each used only where the person has a contact for it and a vendor serves it).
     */
    public static final List<String> DEFAULT_FALLBACK_MODES = List.of("email", "sms", "call", "slack", "ntfy", "telegram", "mattermost", "teams");

    public DispatchSettings
    {
        requireNonNull(sendDeadline, "sendDeadline is null");
        requireNonNull(deliveryBudget, "deliveryBudget is null");
        requireNonNull(fallbackAfter, "fallbackAfter is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        fallbackModes = List.copyOf(requireNonNull(fallbackModes, "fallbackModes is null"));
        if (retryBackoff.isNegative() || retryBackoff.isZero()) {
            throw new IllegalArgumentException("retryBackoff must be positive");
        }
    }

    public static DispatchSettings defaults()
    {
        return new DispatchSettings(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(5),
                Duration.ofMinutes(1), DEFAULT_FALLBACK_MODES);
    }

    public DispatchSettings withSendDeadline(Duration newSendDeadline)
    {
        return new DispatchSettings(newSendDeadline, deliveryBudget, fallbackAfter, retryBackoff, maxBackoff, fallbackModes);
    }

    public DispatchSettings withDeliveryBudget(Duration newDeliveryBudget)
    {
        return new DispatchSettings(sendDeadline, newDeliveryBudget, fallbackAfter, retryBackoff, maxBackoff, fallbackModes);
    }

    public DispatchSettings withFallbackAfter(Duration newFallbackAfter)
    {
        return new DispatchSettings(sendDeadline, deliveryBudget, newFallbackAfter, retryBackoff, maxBackoff, fallbackModes);
    }

    Duration backoff(int attempt)
    {
        Duration backoff = retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
