package dev.iris.api.status;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.system.PeriodicJob;
import dev.iris.core.status.StatusRecorder;
import jakarta.inject.Inject;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Runs the status recorder every {@code status.recordSeconds} on every API node (the recorder
 * makes each write once across nodes). It lives in iris-api, next to the page it feeds and the
 * heartbeat monitor, so the sender's loops stay about paging.
 */
public final class StatusMonitor
        extends PeriodicJob
{
    private final StatusRecorder recorder;
    private final Clock clock;

    @Inject
    public StatusMonitor(StatusRecorder recorder, Clock clock, IrisApiConfiguration configuration)
    {
        super("status-recorder", configuration.getStatus().getRecordSeconds(), "Status page recording is off (status.recordSeconds: 0)");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void runOnce()
    {
        recorder.recordOnce(clock.instant());
    }
}
