package dev.iris.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The tests' one clock: it stands still until a test moves it, always in UTC. It keeps
 * milliseconds, as the database's {@code DATETIME(3)} columns do, so a test can start it at the
 * database's {@code NOW(3)} and compare rows written either way. Thread-safe.
 */
public final class TestingClock
        extends Clock
{
    private final AtomicReference<Instant> now;

    public TestingClock(Instant start)
    {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null").truncatedTo(ChronoUnit.MILLIS));
    }

    public void advance(Duration duration)
    {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public void advanceSeconds(double seconds)
    {
        advance(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    /**
     * This clock: it runs in UTC whatever zone is asked for, and moving one moves the other.
     */
    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }

    @Override
    public Instant instant()
    {
        return now.get();
    }
}
