package dev.iris.db;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The database's time, read cheaply. Due times, events, sessions and windows are written with the
 * database's {@code NOW(3)} or by other processes, so every process (senders and API nodes) must
 * compare them against the database clock, not its own host's: a node with a skewed clock would
 * shift every hold-down, expiry and due time by its skew. This clock measures the offset between the database and the local clock (half
 * the query's round trip corrected) and re-measures it every {@value #REFRESH_SECONDS} seconds;
 * between measurements it is the local clock plus that offset.
 *
 * <p>Every query that compares against "now" binds {@link #instant()} as {@code :now}, so tests can
 * swap in a settable clock and fast-forward without sleeping.
 *
 * <p>Only one thread measures at a time, and the others go on with the last offset meanwhile: with
 * the database away, one caller every {@value #REFRESH_SECONDS} seconds pays for the failed
 * query, not every request thread of an API node.
 */
public final class DatabaseClock
        extends Clock
{
    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final long REFRESH_SECONDS = 10;

    private final Jdbi jdbi;
    private final Clock local;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant measuredAt = Instant.MIN;
    private final ReentrantLock measuring = new ReentrantLock();

    public DatabaseClock(Jdbi jdbi)
    {
        this(jdbi, Clock.systemUTC());
    }

    public DatabaseClock(Jdbi jdbi, Clock local)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.local = requireNonNull(local, "local is null");
    }

    @Override
    public Instant instant()
    {
        Instant now = local.instant();
        if (Duration.between(measuredAt, now).toSeconds() >= REFRESH_SECONDS) {
            measure();
            now = local.instant();
        }
        return now.plus(offset);
    }

    private void measure()
    {
        if (!measuring.tryLock()) {
            return;
        }
        try {
            Instant before = local.instant();
            if (Duration.between(measuredAt, before).toSeconds() < REFRESH_SECONDS) {
                return;
            }
            try {
                Instant database = jdbi.withHandle(handle -> handle.createQuery("SELECT NOW(3)").mapTo(Instant.class).one());
                Instant after = local.instant();
                Instant midpoint = before.plus(Duration.between(before, after).dividedBy(2));
                Duration measured = Duration.between(midpoint, database);
                if (measured.abs().compareTo(Duration.ofSeconds(1)) > 0 && offset.isZero()) {
                    log.warn("This host's clock is {} ms away from the database's; Iris follows the database", measured.toMillis());
                }
                offset = measured;
                measuredAt = after;
            }
            catch (RuntimeException e) {
                // Keep the last offset: a database hiccup must not stop the clock.
                log.warn("Cannot read the database clock: {}", e.getMessage());
                measuredAt = before;
            }
        }
        finally {
            measuring.unlock();
        }
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("the database clock is UTC");
    }
}
