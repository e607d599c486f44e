package dev.iris.sender;

import dev.iris.spi.task.PeriodicTask;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs the plugins' periodic tasks (the LDAP sync...) as their contract says: each on its own
 * interval, never overlapping itself, first soon after start; a failed run is logged and retried
 * at the next interval; every task is closed once on stop.
 */
final class PeriodicTaskRunner
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(PeriodicTaskRunner.class);
    private static final long FIRST_RUN_DELAY_MILLIS = 1_000;

    record NamedTask(String name, PeriodicTask task)
    {
        NamedTask
        {
            requireNonNull(name, "name is null");
            requireNonNull(task, "task is null");
        }
    }

    private final List<NamedTask> tasks;
    private final ScheduledExecutorService executor;

    PeriodicTaskRunner(List<NamedTask> tasks)
    {
        this.tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
        this.executor = Executors.newScheduledThreadPool(Math.max(1, this.tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, "periodic-task");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start()
    {
        for (NamedTask task : tasks) {
            // Fixed delay: the next run starts an interval after the previous one ended, so one
            // task never overlaps itself.
            executor.scheduleWithFixedDelay(() -> runOnce(task), FIRST_RUN_DELAY_MILLIS,
                    task.task().interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void runOnce(NamedTask task)
    {
        try {
            task.task().run();
        }
        catch (Exception | Error e) {
            // Keep the schedule alive: the contract is "retried at the next interval".
            log.warn("Periodic task {} failed: {}", task.name(), e.getMessage());
        }
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        for (NamedTask task : tasks) {
            try {
                task.task().close();
            }
            catch (Exception e) {
                log.warn("Periodic task {} did not close cleanly: {}", task.name(), e.getMessage());
            }
        }
    }
}
