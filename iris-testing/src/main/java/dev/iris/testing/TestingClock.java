package dev.iris.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A clock that stands still until a test moves it. Thread-safe.
 */
public final class TestingClock
        extends Clock
{
    private final AtomicReference<Instant> now;

    public TestingClock(Instant start)
    {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    public void advance(Duration duration)
    {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("a testing clock runs in UTC");
    }

    @Override
    public Instant instant()
    {
        return now.get();
    }
}
