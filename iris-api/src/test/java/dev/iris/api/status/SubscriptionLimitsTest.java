package dev.iris.api.status;

import dev.iris.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

final class SubscriptionLimitsTest
{
    @Test
    void limitsEachAddressAndEverybodyTogether()
    {
        TestingClock clock = new TestingClock(Instant.parse("2027-01-01T00:00:00Z"));
        SubscriptionLimits limits = new SubscriptionLimits(2, 3, clock);

        assertThat(limits.tryAcquire("192.0.2.1")).isEmpty();
        assertThat(limits.tryAcquire("192.0.2.1")).isEmpty();
        // Two an hour per address: the next token in 30 minutes.
        assertThat(limits.tryAcquire("192.0.2.1")).hasValue(30 * 60);
        // The refused request did not use up everybody's third.
        assertThat(limits.tryAcquire("192.0.2.2")).isEmpty();
        // Three an hour for everybody: a fresh address waits 20 minutes.
        assertThat(limits.tryAcquire("192.0.2.3")).hasValue(20 * 60);

        clock.advance(Duration.ofMinutes(30));
        assertThat(limits.tryAcquire("192.0.2.1")).isEmpty();
    }
}
