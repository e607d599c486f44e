package dev.iris.api.heartbeat;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.heartbeat.HeartbeatChecker;
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
 * Runs the heartbeat checker every {@code heartbeatCheckSeconds} (0 disables it). Every API node
 * may run it: the checker locks each overdue heartbeat, so one node opens its incident.
 */
public final class HeartbeatMonitor
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);

    private final HeartbeatChecker checker;
    private final Clock clock;
    private final int intervalSeconds;
    private ScheduledExecutorService executor;

    @Inject
    public HeartbeatMonitor(HeartbeatChecker checker, Clock clock, IrisApiConfiguration configuration)
    {
        this.checker = requireNonNull(checker, "checker is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.intervalSeconds = configuration.getHeartbeatCheckSeconds();
    }

    @Override
    public void start()
    {
        if (intervalSeconds == 0) {
            log.info("Heartbeat checks are disabled (heartbeatCheckSeconds: 0)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-checker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkSafely, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void checkSafely()
    {
        try {
            checker.checkOnce(clock.instant());
        }
        catch (RuntimeException e) {
            // Keep checking: a database hiccup must not end heartbeat monitoring.
            log.error("Heartbeat check failed", e);
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
