package dev.iris.api.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * A token bucket per key (an application, a client address): {@code capacity} requests per
 * {@code period}, with bursts up to that many. In memory, per API node: behind a load balancer the
 * effective limit is the sum over nodes, which still stops one runaway client from flooding the
 * database or a mailbox. A rejected request is told how many seconds to wait (Retry-After).
 */
public final class KeyedRateLimiter
{
    private final int capacity;
    private final Duration period;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param capacity requests per {@code period}; 0: unlimited
     */
    public KeyedRateLimiter(int capacity, Duration period, Clock clock)
    {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.capacity = capacity;
        this.period = period;
        requireNonNull(clock, "clock is null");
        this.time = new TimeMeter()
        {
            @Override
            public long currentTimeNanos()
            {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased()
            {
                return true;
            }
        };
    }

    /**
     * Takes one token for the key: empty when allowed, else the seconds to wait.
     */
    public OptionalLong tryAcquire(String key)
    {
        if (capacity == 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
        return OptionalLong.of(Math.max(1, seconds));
    }
}
