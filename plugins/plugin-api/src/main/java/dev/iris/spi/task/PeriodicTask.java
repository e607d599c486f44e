package dev.iris.spi.task;

import java.time.Duration;

/**
 * Background work a plugin wants done on a schedule, such as copying users and teams from a
 * directory into Iris's tables.
 *
 * <p>Scheduling: the hosting process calls {@link #run()} every {@link #interval()}, never two runs
 * of one instance at the same time, first soon after startup. Several Iris processes (several
 * senders) may each run the same task, so a run must be idempotent and safe to overlap with a run
 * on another host: write with upserts inside transactions, never delete-then-insert across
 * transactions.
 *
 * <p>Errors: a run that throws is logged by Iris (with the exception's message, which therefore
 * must not contain a credential) and tried again at the next interval; it does not stop the
 * process.
 *
 * <p>Lifecycle: created by {@link PeriodicTaskFactory#create}, closed once when the process stops;
 * {@link #close()} is not called while {@link #run()} is running.
 */
public interface PeriodicTask
        extends AutoCloseable
{
    /**
     * How long to wait between the end of one run and the start of the next. Positive and
     * constant for the life of the instance.
     */
    Duration interval();

    /**
     * Does one round of the work, synchronously, on a thread owned by Iris.
     *
     * @throws Exception when the round failed; the next round is tried at the next interval
     */
    void run()
            throws Exception;

    @Override
    default void close() {}
}
