package dev.iris.api.system;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A background job of the API process that runs every few seconds on its own daemon thread, from
 * start to stop. A failed run is logged and the next one runs as planned: a database hiccup must
 * not end the job. An interval of 0 turns it off. Jobs that every API node runs must make their
 * own writes safe across nodes (row locks, unique keys).
 */
public abstract class PeriodicJob
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private final int intervalSeconds;
    private final String offNotice;
    private ScheduledExecutorService executor;

    /**
     * @param name the thread's name and the job's in log lines
     * @param intervalSeconds seconds between the end of a run and the start of the next; 0 turns the job off
     * @param offNotice logged at start when the job is off (which setting turned it off)
     */
    protected PeriodicJob(String name, int intervalSeconds, String offNotice)
    {
        this.name = requireNonNull(name, "name is null");
        this.intervalSeconds = intervalSeconds;
        this.offNotice = requireNonNull(offNotice, "offNotice is null");
    }

    /**
     * One run of the job.
     */
    protected abstract void runOnce();

    @Override
    public final synchronized void start()
    {
        if (intervalSeconds == 0) {
            log.info(offNotice);
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void runSafely()
    {
        try {
            runOnce();
        }
        catch (RuntimeException e) {
            log.error("{} failed; it runs again in {} s", name, intervalSeconds, e);
        }
    }

    @Override
    public final synchronized void stop()
            throws InterruptedException
    {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
