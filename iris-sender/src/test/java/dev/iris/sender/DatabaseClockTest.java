package dev.iris.sender;

import dev.iris.db.DatabaseClock;
import dev.iris.sender.testing.SenderFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host whose clock is an hour off still compares with the database's times: the clock every
 * sender and API node uses is the database's.
 */
final class DatabaseClockTest
{
    private SenderFixture fixture;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void aSkewedHostFollowsTheDatabase()
    {
        Clock skewedHost = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        DatabaseClock clock = new DatabaseClock(fixture.jdbi(), skewedHost);

        Instant ours = clock.instant();
        Instant database = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT NOW(3)").mapTo(Instant.class).one());

        assertThat(Duration.between(ours, database).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.between(skewedHost.instant(), database).abs()).as("the host really is off").isGreaterThan(Duration.ofMinutes(59));
    }
}
