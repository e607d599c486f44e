package dev.iris.sender.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand. It starts at the database's current time so rows written with
 * {@code NOW(3)} and rows written with this clock are comparable.
 */
public final class TestingClock
        extends Clock
{
    private volatile Instant now;

    public TestingClock(Instant start)
    {
        this.now = start.truncatedTo(ChronoUnit.MILLIS);
    }

    public void advance(Duration duration)
    {
        now = now.plus(duration);
    }

    public void advanceSeconds(double seconds)
    {
        advance(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @Override
    public Instant instant()
    {
        return now;
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }
}
