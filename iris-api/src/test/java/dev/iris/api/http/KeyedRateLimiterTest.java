package dev.iris.api.http;

import dev.iris.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

final class KeyedRateLimiterTest
{
    @Test
    void allowsTheRateThenTellsHowLongToWaitAndRefills()
    {
        TestingClock clock = clock();
        KeyedRateLimiter limiter = new KeyedRateLimiter(6, Duration.ofMinutes(1), clock);

        for (int i = 0; i < 6; i++) {
            assertThat(limiter.tryAcquire("app")).as("request " + i).isEmpty();
        }
        OptionalLong wait = limiter.tryAcquire("app");
        // Six per minute refill one token every ten seconds.
        assertThat(wait).hasValue(10);

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("app")).isEmpty();
        assertThat(limiter.tryAcquire("app")).isPresent();
    }

    @Test
    void applicationsHaveSeparateBuckets()
    {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, Duration.ofMinutes(1), clock());

        assertThat(limiter.tryAcquire("noisy")).isEmpty();
        assertThat(limiter.tryAcquire("noisy")).isPresent();
        assertThat(limiter.tryAcquire("quiet")).isEmpty();
    }

    @Test
    void zeroMeansUnlimited()
    {
        KeyedRateLimiter limiter = new KeyedRateLimiter(0, Duration.ofMinutes(1), clock());

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("app")).isEmpty();
        }
    }

    @Test
    void anyPeriod()
    {
        TestingClock clock = clock();
        KeyedRateLimiter limiter = new KeyedRateLimiter(2, Duration.ofHours(1), clock);

        assertThat(limiter.tryAcquire("192.0.2.1")).isEmpty();
        assertThat(limiter.tryAcquire("192.0.2.1")).isEmpty();
        // Two per hour refill one token every 30 minutes.
        assertThat(limiter.tryAcquire("192.0.2.1")).hasValue(30 * 60);
        clock.advance(Duration.ofMinutes(30));
        assertThat(limiter.tryAcquire("192.0.2.1")).isEmpty();
    }

    private static TestingClock clock()
    {
        return new TestingClock(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
