package dev.iris.api.webhook;

import dev.iris.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

final class IngestRateLimiterTest
{
    @Test
    void allowsTheRateThenTellsHowLongToWaitAndRefills()
    {
        TestingClock clock = clock();
        IngestRateLimiter limiter = new IngestRateLimiter(6, clock);

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
        IngestRateLimiter limiter = new IngestRateLimiter(1, clock());

        assertThat(limiter.tryAcquire("noisy")).isEmpty();
        assertThat(limiter.tryAcquire("noisy")).isPresent();
        assertThat(limiter.tryAcquire("quiet")).isEmpty();
    }

    @Test
    void zeroMeansUnlimited()
    {
        IngestRateLimiter limiter = new IngestRateLimiter(0, clock());

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("app")).isEmpty();
        }
    }

    private static TestingClock clock()
    {
        return new TestingClock(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
