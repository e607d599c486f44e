package dev.iris.api.heartbeat;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.system.PeriodicJob;
import dev.iris.core.heartbeat.HeartbeatChecker;
import jakarta.inject.Inject;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Runs the heartbeat checker every {@code heartbeatCheckSeconds} (0 disables it). Every API node
 * may run it: the checker locks each overdue heartbeat, so one node opens its incident.
 */
public final class HeartbeatMonitor
        extends PeriodicJob
{
    private final HeartbeatChecker checker;
    private final Clock clock;

    @Inject
    public HeartbeatMonitor(HeartbeatChecker checker, Clock clock, IrisApiConfiguration configuration)
    {
        super("heartbeat-checker", configuration.getHeartbeatCheckSeconds(), "Heartbeat checks are disabled (heartbeatCheckSeconds: 0)");
        this.checker = requireNonNull(checker, "checker is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void runOnce()
    {
        checker.checkOnce(clock.instant());
    }
}
