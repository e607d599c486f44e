package dev.iris.api.webhook;

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
 * A token bucket per application: {@code requestsPerMinute} alert notifications per minute, with
 * bursts up to that many. Per API node: behind a load balancer the effective limit is the sum over
 * nodes, which still stops one runaway sender from flooding the database. A rejected request is
 * told how many seconds to wait (Retry-After).
 */
public final class IngestRateLimiter
{
    private final int requestsPerMinute;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public IngestRateLimiter(int requestsPerMinute, Clock clock)
    {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must not be negative");
        }
        this.requestsPerMinute = requestsPerMinute;
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
     * Takes one token for the application: empty when allowed, else the seconds to wait.
     */
    public OptionalLong tryAcquire(String application)
    {
        if (requestsPerMinute == 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(application, ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(requestsPerMinute).refillGreedy(requestsPerMinute, Duration.ofMinutes(1)))
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
