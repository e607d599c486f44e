package dev.iris.api.status;

import dev.iris.api.http.KeyedRateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How often the public subscribe form may be used: per client address and for everybody together,
 * per hour. Every accepted request may email any address, so the limits keep the form from being
 * used to flood a mailbox or the sender. In memory and per API node (docs/status-page.md).
 */
final class SubscriptionLimits
{
    private static final String EVERYBODY = "";

    private final KeyedRateLimiter perAddress;
    private final KeyedRateLimiter overall;

    SubscriptionLimits(int perAddressPerHour, int overallPerHour, Clock clock)
    {
        this.perAddress = new KeyedRateLimiter(perAddressPerHour, Duration.ofHours(1), clock);
        this.overall = new KeyedRateLimiter(overallPerHour, Duration.ofHours(1), clock);
    }

    /**
     * Empty when {@code clientAddress} may subscribe now, else the seconds to wait. A client over
     * its own limit does not use up everybody's.
     */
    OptionalLong tryAcquire(String clientAddress)
    {
        OptionalLong wait = perAddress.tryAcquire(clientAddress);
        return wait.isPresent() ? wait : overall.tryAcquire(EVERYBODY);
    }
}
