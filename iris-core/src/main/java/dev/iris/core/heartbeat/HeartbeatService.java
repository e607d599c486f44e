package dev.iris.core.heartbeat;

import dev.iris.common.http.IrisException;
import dev.iris.core.alert.AutomatedIncidents;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Registers heartbeats and records beats. A beat on a heartbeat whose miss opened an incident
 * resolves that incident and stops its escalation, in the same transaction.
 */
public final class HeartbeatService
{
    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 31 * 86400;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    public HeartbeatService(Jdbi jdbi, Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Creates the heartbeat, or changes its interval and plan; the next beat is due one interval
     * after the last beat (or after now, before the first beat).
     */
    public Heartbeat register(long applicationId, String name, int intervalSeconds, String plan)
    {
        if (name == null || !NAME.matcher(name).matches()) {
            throw IrisException.badRequest("Invalid heartbeat", "name must be 1-255 letters, digits, '.', '_' or '-'");
        }
        if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw IrisException.badRequest("Invalid heartbeat",
                    "interval_seconds must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS);
        }
        if (plan == null || plan.isBlank()) {
            throw IrisException.badRequest("Invalid heartbeat", "plan is missing");
        }
        return jdbi.inTransaction(handle -> {
            if (AutomatedIncidents.activePlanId(handle, plan).isEmpty()) {
                throw IrisException.badRequest("Invalid heartbeat", "No active plan named " + plan);
            }
            HeartbeatDao dao = handle.attach(HeartbeatDao.class);
            dao.upsert(applicationId, name, intervalSeconds, plan, clock.instant());
            return dao.find(applicationId, name).orElseThrow();
        });
    }

    /**
     * Records a beat; empty when no such heartbeat is registered.
     */
    public Optional<Heartbeat> beat(long applicationId, String name)
    {
        return jdbi.inTransaction(handle -> {
            HeartbeatDao dao = handle.attach(HeartbeatDao.class);
            Optional<Heartbeat> heartbeat = dao.lock(applicationId, name);
            if (heartbeat.isEmpty()) {
                return Optional.empty();
            }
            Long incident = heartbeat.get().incidentId();
            if (incident != null) {
                AutomatedIncidents.resolveAndStop(handle, incident, "heartbeat:" + name, "Heartbeat " + name + " beat again");
            }
            dao.beat(heartbeat.get().id(), clock.instant());
            return dao.find(applicationId, name);
        });
    }

    public List<Heartbeat> list(String application)
    {
        return jdbi.withExtension(HeartbeatDao.class, dao -> dao.list(application));
    }

    public boolean delete(long applicationId, String name)
    {
        return jdbi.withExtension(HeartbeatDao.class, dao -> dao.delete(applicationId, name)) > 0;
    }
}
