package dev.iris.sender.dispatch;

import dev.iris.spi.vendor.VendorException.Category;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What happens to a page after a failed vendor call. A page is never given up because of a
 * count: it is retried until its delivery budget ({@link DispatchSettings#deliveryBudget()},
 * counted from its first attempt) is spent, and it moves through the person's modes on the way.
 * <ul>
 * <li>A transient failure (timeout, 5xx, 429) retries the same mode with exponential backoff (or
 *     the vendor's Retry-After) until the mode has been failing for
 *     {@link DispatchSettings#fallbackAfter()}; then the page moves to the person's next mode.</li>
 * <li>A permanent failure (rejected number or address) or a configuration failure (no working
 *     vendor for the mode) moves to the next mode at once.</li>
 * <li>With no next mode left, transient and configuration failures keep retrying the last mode
 *     (an operator can fix a vendor within the budget); a permanent one cannot succeed, so the page
 *     is undeliverable at once.</li>
 * <li>When the budget is spent, the page is undeliverable.</li>
 * </ul>
 * Pure decisions; the {@link Dispatcher} carries them out.
 */
final class DeliveryPolicy
{
    private final DispatchSettings settings;

    DeliveryPolicy(DispatchSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * The timing of a failed attempt.
     *
     * @param firstAttemptAt when the page first moved to sending (the budget's start)
     * @param modeSince when its current mode was first tried
     * @param attempt the number of the attempt that failed
     * @param retryAfter how long the vendor asked us to wait, or null
     */
    record Failure(Category category, Instant firstAttemptAt, Instant modeSince, int attempt, Duration retryAfter, Instant now)
    {
        Failure
        {
            requireNonNull(category, "category is null");
            requireNonNull(firstAttemptAt, "firstAttemptAt is null");
            requireNonNull(modeSince, "modeSince is null");
            requireNonNull(now, "now is null");
        }
    }

    /**
     * Whether the page should leave its current mode for the person's next one, if there is one.
     */
    boolean leaveMode(Failure failure)
    {
        return failure.category() != Category.TRANSIENT
                || !failure.now().isBefore(failure.modeSince().plus(settings.fallbackAfter()));
    }

    /**
     * When to try the current mode again, or null when the page is undeliverable: the failure was
     * permanent, or the budget is spent. A retry never lands after the budget's end; the last one
     * is made at that instant.
     */
    Instant retryAt(Failure failure)
    {
        if (failure.category() == Category.PERMANENT) {
            return null;
        }
        Instant budgetEnd = budgetEnd(failure.firstAttemptAt());
        if (!failure.now().isBefore(budgetEnd)) {
            return null;
        }
        Duration backoff = settings.backoff(failure.attempt());
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(backoff) > 0) {
            backoff = failure.retryAfter();
        }
        Instant retry = failure.now().plus(backoff);
        return retry.isAfter(budgetEnd) ? budgetEnd : retry;
    }

    Instant budgetEnd(Instant firstAttemptAt)
    {
        return firstAttemptAt.plus(settings.deliveryBudget());
    }
}
