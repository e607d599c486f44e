package dev.iris.api.status;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.status.StatusRecorder;
import io.dropwizard.lifecycle.Managed;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs the status recorder every {@code status.recordSeconds} on every API node (the recorder
 * makes each write once across nodes). It lives in iris-api, next to the page it feeds and the
 * heartbeat monitor, so the sender's loops stay about paging.
 */
public final class StatusMonitor
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(StatusMonitor.class);

    private final StatusRecorder recorder;
    private final Clock clock;
    private final int intervalSeconds;
    private ScheduledExecutorService executor;

    @Inject
    public StatusMonitor(StatusRecorder recorder, Clock clock, IrisApiConfiguration configuration)
    {
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.intervalSeconds = configuration.getStatus().getRecordSeconds();
    }

    @Override
    public void start()
    {
        if (intervalSeconds == 0) {
            log.info("Status page recording is off (status.recordSeconds: 0)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "status-recorder");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::recordSafely, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void recordSafely()
    {
        try {
            recorder.recordOnce(clock.instant());
        }
        catch (RuntimeException e) {
            // Keep going: a database hiccup must not end state recording.
            log.error("Status recording failed", e);
        }
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
