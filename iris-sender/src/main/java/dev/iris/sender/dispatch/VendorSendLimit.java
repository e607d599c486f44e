package dev.iris.sender.dispatch;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import dev.iris.spi.vendor.VendorException.Category;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many sends one vendor instance may have in flight. The limit follows the vendor: it starts
 * at {@link #INITIAL}, grows by one with each send that comes back well while at least half of
 * the limit is in use, and shrinks by a tenth with each send that fails in a way the vendor's
 * load can cause (a timeout, a 5xx or 429, a refused connection: {@link Category#TRANSIENT}) or
 * takes longer than {@link #SLOW}; never below {@link #MIN} nor above the sender's send threads.
 * This is additive increase, multiplicative decrease, Netflix concurrency-limits' {@code AIMDLimit}.
 *
 * <p>Why not one fixed bound: a sender's sends in flight must reach several hundred for a 300 ms
 * vendor to take 1,000 pages a second, but hundreds of sends starting at once, on a sender that
 * just started, open as many new connections to a receiver that may accept 50 at a time (a JDK
 * server's default backlog); the refused handshakes are retried by the kernel after a second, and
 * a vendor timeout of a few seconds then gives up on pages the receiver already has, which are
 * sent again. Growing with the answers that come back opens connections only as fast as the
 * receiver takes them, and a vendor in trouble gets fewer calls at once instead of more.
 *
 * <p>Sends over the limit wait in arrival order (a fair semaphore, so a finished send wakes one
 * waiting send, not all of them) for at most what the caller allows; the waiting holds no
 * database connection and no vendor connection.
 */
public final class VendorSendLimit
{
    public static final int INITIAL = 20;
    static final int MIN = 4;
    static final Duration SLOW = Duration.ofSeconds(5);

    private final Limit limit;
    private final Slots slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    // The permits the semaphore was given in all, guarded by this: the limit's changes are
    // applied to the semaphore as differences.
    private int granted;

    /**
     * @param max the most sends in flight it may ever allow (the sender's send threads)
     */
    VendorSendLimit(int max)
    {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        this.limit = AIMDLimit.newBuilder()
                .initialLimit(Math.min(INITIAL, max))
                .minLimit(Math.min(MIN, max))
                .maxLimit(max)
                .timeout(SLOW.toNanos(), TimeUnit.NANOSECONDS)
                .build();
        this.granted = limit.getLimit();
        this.slots = new Slots(granted);
        limit.notifyOnChange(this::resize);
    }

    private synchronized void resize(int newLimit)
    {
        int change = newLimit - granted;
        granted = newLimit;
        if (change > 0) {
            slots.release(change);
        }
        else if (change < 0) {
            // Sends in flight keep their slots; the next ones wait until enough have come back.
            slots.reducePermits(-change);
        }
    }

    /**
     * Waits up to {@code longest} for a free slot.
     *
     * @return the slot, to be given back with the send's outcome; empty when none came free in time
     */
    Optional<Slot> acquire(Duration longest)
    {
        try {
            if (!slots.tryAcquire(Math.max(0, longest.toNanos()), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(new Slot(System.nanoTime(), inFlight.incrementAndGet()));
    }

    int limit()
    {
        return limit.getLimit();
    }

    int inFlight()
    {
        return inFlight.get();
    }

    /**
     * Sends waiting for a place (an estimate, as the semaphore's queue length is).
     */
    int waiting()
    {
        return slots.getQueueLength();
    }

    /**
     * One send's place under the limit. The first of its methods called gives it back; the
     * others then do nothing, so {@link #release} can guard a send in a {@code finally}.
     */
    final class Slot
    {
        private final long startNanos;
        private final int inFlightAtStart;
        private boolean given;

        private Slot(long startNanos, int inFlightAtStart)
        {
            this.startNanos = startNanos;
            this.inFlightAtStart = inFlightAtStart;
        }

        void sent()
        {
            giveBack(true, false);
        }

        /**
         * A permanent or configuration failure says nothing about the vendor's load, so it leaves
         * the limit as it is.
         */
        void failed(Category category)
        {
            giveBack(category == Category.TRANSIENT, true);
        }

        /**
         * Gives the slot back without telling the limit anything: no vendor answered.
         */
        void release()
        {
            giveBack(false, false);
        }

        private void giveBack(boolean sample, boolean dropped)
        {
            if (given) {
                return;
            }
            given = true;
            inFlight.decrementAndGet();
            slots.release();
            if (sample) {
                limit.onSample(startNanos, System.nanoTime() - startNanos, inFlightAtStart, dropped);
            }
        }
    }

    /**
     * A fair semaphore whose permits can also be taken away.
     */
    private static final class Slots
            extends Semaphore
    {
        Slots(int permits)
        {
            super(permits, true);
        }

        @Override
        protected void reducePermits(int reduction)
        {
            super.reducePermits(reduction);
        }
    }
}
