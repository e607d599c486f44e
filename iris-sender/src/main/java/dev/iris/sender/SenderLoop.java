package dev.iris.sender;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sender's main loop. For now it only beats, so the health check can tell a live sender from
 * a stuck one; escalation and dispatch hang off it.
 */
final class SenderLoop
        implements Managed
{
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sender-loop");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant lastBeat;

    @Override
    public void start()
    {
        executor.scheduleWithFixedDelay(() -> lastBeat = Instant.now(), 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    HealthCheck healthCheck()
    {
        return new HealthCheck()
        {
            @Override
            protected Result check()
            {
                Instant beat = lastBeat;
                if (beat == null) {
                    return Result.unhealthy("the sender loop has not run yet");
                }
                Duration age = Duration.between(beat, Instant.now());
                return age.compareTo(STALE_AFTER) > 0
                        ? Result.unhealthy("the sender loop last ran " + age.toSeconds() + " s ago")
                        : Result.healthy("last ran " + age.toMillis() + " ms ago");
            }
        };
    }
}
