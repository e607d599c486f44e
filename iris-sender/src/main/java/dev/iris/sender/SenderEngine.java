package dev.iris.sender;

import com.codahale.metrics.health.HealthCheck;
import dev.iris.db.DatabaseFailures;
import dev.iris.sender.dispatch.ClaimedMessage;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Runs a {@link Sender}: escalation threads that process due work and then sleep until the next
 * due time or the poll interval, whichever comes first; dispatch threads that claim due messages
 * as long as there is room for more sends in flight; and the send threads, one per send in flight,
 * which call the vendors. New messages from escalation wake the dispatch threads at once.
 *
 * <p>A vendor call mostly waits on the network (a webhook or an SMS API answers in 100 to 300 ms),
 * so a sender's throughput is its sends in flight divided by the vendor's latency: the default of
 * several hundred lets one sender deliver over 1,000 messages a second to a 300 ms vendor. How
 * many of them one vendor gets at once follows that vendor's answers
 * ({@link dev.iris.sender.dispatch.VendorSendLimit}); the send threads are the ceiling. A send
 * thread holds no database connection while it waits on the vendor (only for the two statements
 * that record the outcome), its stack is small, and idle send threads end after a minute, so the
 * number costs little memory.
 */
public final class SenderEngine
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(SenderEngine.class);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
    // Plenty for a delivery (rendering, the vendor's HTTP client, two statements); most of it is
    // never touched, and untouched stack costs no resident memory.
    private static final long SEND_THREAD_STACK_BYTES = 512 * 1024;
    private static final Duration IDLE_SEND_THREAD_LIFETIME = Duration.ofMinutes(1);

    private final Sender sender;
    private final Clock clock;
    private static final int DISPATCH_IDLE_POLLS = 4;

    private final Duration pollInterval;
    private final int escalationBatchSize;
    private final int dispatchBatchSize;
    private final int sendThreads;
    private final int escalationThreads;
    private final int dispatchThreads;
    private final BlockingQueue<Boolean> dispatchWakeups = new ArrayBlockingQueue<>(8);
    private final Semaphore sendSlots;
    private final ExecutorService sendExecutor;
    private final ExecutorService loops;
    private volatile boolean running;
    private volatile Instant lastEscalationBeat;
    private volatile Instant lastDispatchBeat;

    /**
     * @param escalationThreads parallel escalation passes; they share the work through row locks,
     *        which pays off when database round trips, not CPU, bound a pass
     * @param dispatchThreads parallel claim passes feeding the send threads
     * @param sendThreads most sends in flight at once (one thread each)
     */
    public SenderEngine(Sender sender, Clock clock, Duration pollInterval, int escalationBatchSize, int dispatchBatchSize, int sendThreads,
            int escalationThreads, int dispatchThreads)
    {
        this.sender = requireNonNull(sender, "sender is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.escalationBatchSize = escalationBatchSize;
        this.dispatchBatchSize = dispatchBatchSize;
        this.sendThreads = sendThreads;
        this.escalationThreads = escalationThreads;
        this.dispatchThreads = dispatchThreads;
        this.sendSlots = new Semaphore(sendThreads);
        ThreadPoolExecutor sends = new ThreadPoolExecutor(sendThreads, sendThreads, IDLE_SEND_THREAD_LIFETIME.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named("sender-send-", SEND_THREAD_STACK_BYTES));
        sends.allowCoreThreadTimeOut(true);
        this.sendExecutor = sends;
        this.loops = Executors.newFixedThreadPool(escalationThreads + dispatchThreads, named("sender-loop-", 0));
    }

    /**
     * Tells the dispatch thread that messages may be waiting.
     */
    public void wakeDispatcher()
    {
        dispatchWakeups.offer(Boolean.TRUE);
    }

    @Override
    public void start()
    {
        running = true;
        for (int i = 0; i < escalationThreads; i++) {
            loops.submit(this::escalationLoop);
        }
        for (int i = 0; i < dispatchThreads; i++) {
            loops.submit(this::dispatchLoop);
        }
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        running = false;
        for (int i = 0; i < dispatchThreads; i++) {
            wakeDispatcher();
        }
        loops.shutdown();
        loops.awaitTermination(30, TimeUnit.SECONDS);
        // Let in-flight sends finish and record their outcome; what cannot finish is recovered
        // by another sender after its deadline.
        sendExecutor.shutdown();
        if (!sendExecutor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Stopping with sends in flight; other senders resend them after their deadline");
        }
    }

    private void escalationLoop()
    {
        while (running) {
            try {
                int claimed = sender.escalation().processDue(escalationBatchSize);
                lastEscalationBeat = Instant.now();
                if (claimed >= escalationBatchSize) {
                    continue;
                }
                awaitDueWork();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                failed("Escalation", e);
            }
        }
    }

    /**
     * Waits until escalation work is due, looking every poll interval with one cheap statement
     * ({@code nextDue}) rather than a whole pass: the interval bounds how long a new trigger
     * waits for its first page, so it is short, and an idle sender then costs the database one
     * indexed read per interval and thread.
     */
    private void awaitDueWork()
            throws InterruptedException
    {
        while (running) {
            Duration sleep = pollInterval;
            Optional<Instant> next = sender.escalation().nextDue();
            if (next.isPresent()) {
                Duration untilDue = Duration.between(clock.instant(), next.get());
                if (untilDue.compareTo(sleep) < 0) {
                    sleep = untilDue.isNegative() ? Duration.ZERO : untilDue;
                }
            }
            if (sleep.isZero()) {
                return;
            }
            Thread.sleep(sleep.toMillis());
            lastEscalationBeat = Instant.now();
            if (next.isPresent() && sleep.compareTo(pollInterval) < 0) {
                return;
            }
        }
    }

    private void dispatchLoop()
    {
        while (running) {
            try {
                lastDispatchBeat = Instant.now();
                int free = sendSlots.availablePermits();
                if (free == 0) {
                    sendSlots.acquire();
                    sendSlots.release();
                    continue;
                }
                List<ClaimedMessage> claimed = sender.dispatcher().claimDue(Math.min(dispatchBatchSize, free));
                for (ClaimedMessage message : claimed) {
                    sendSlots.acquire();
                    sendExecutor.submit(() -> {
                        try {
                            sender.dispatcher().deliver(message);
                        }
                        catch (RuntimeException e) {
                            // The message stays in sending; it is retried after its deadline.
                            log.error("Delivering message {} failed", message.id(), e);
                        }
                        finally {
                            sendSlots.release();
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    // Escalation wakes this thread at once for the messages it creates; the idle
                    // look is for retries coming due and other senders' messages.
                    dispatchWakeups.poll(pollInterval.toMillis() * DISPATCH_IDLE_POLLS, TimeUnit.MILLISECONDS);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                failed("Dispatch", e);
            }
        }
    }

    /**
     * A deadlock between senders (their locking scans of the same index can cross) rolled back
     * the whole pass, which is safe to run again at once; any other failure waits a moment so a
     * database outage does not spin the loop.
     */
    private static void failed(String pass, RuntimeException e)
    {
        if (DatabaseFailures.isRolledBack(e)) {
            log.debug("{} pass rolled back by the database, running it again: {}", pass, e.getMessage());
            return;
        }
        log.error("{} pass failed", pass, e);
        pause();
    }

    private static void pause()
    {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int sendThreads()
    {
        return sendThreads;
    }

    public HealthCheck healthCheck()
    {
        return new HealthCheck()
        {
            @Override
            protected Result check()
            {
                Instant now = Instant.now();
                Instant escalation = lastEscalationBeat;
                Instant dispatch = lastDispatchBeat;
                if (escalation == null || dispatch == null) {
                    return Result.unhealthy("the sender loops have not run yet");
                }
                Duration oldest = Duration.between(escalation.isBefore(dispatch) ? escalation : dispatch, now);
                return oldest.compareTo(STALE_AFTER) > 0
                        ? Result.unhealthy("a sender loop last ran " + oldest.toSeconds() + " s ago")
                        : Result.healthy("loops ran within " + oldest.toMillis() + " ms");
            }
        };
    }

    /**
     * @param stackBytes the threads' stack size, 0 for the JVM's default
     */
    private static java.util.concurrent.ThreadFactory named(String prefix, long stackBytes)
    {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(null, runnable, prefix + counter.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
            return thread;
        };
    }
}
