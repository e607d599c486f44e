package dev.iris.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A bound on a wait: a test that must poll a condition (a server's state, another process)
 * polls it until one of these passes.
 */
public final class Deadline
{
    private final long endNanos;
    private final Duration limit;

    private Deadline(Duration limit)
    {
        this.limit = limit;
        this.endNanos = System.nanoTime() + limit.toNanos();
    }

    public static Deadline after(Duration limit)
    {
        return new Deadline(limit);
    }

    public boolean passed()
    {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration limit()
    {
        return limit;
    }

    /**
     * Sleeps between two polls.
     */
    public void pause(Duration pause)
    {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds (true) or this deadline passes
     * (false).
     */
    public boolean await(BooleanSupplier condition, Duration interval)
    {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (passed()) {
                return false;
            }
            pause(interval);
        }
    }
}
