package dev.iris.core.heartbeat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.core.alert.AutomatedIncidents;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens an incident for every heartbeat whose beat is overdue and that has no open incident yet.
 * Safe to run on several nodes at once: each overdue row is locked with {@code SKIP LOCKED} in
 * the transaction that opens its incident, so one node handles it. Run {@link #checkOnce} every
 * few seconds; it takes the time as an argument so tests can fast-forward.
 */
public final class HeartbeatChecker
{
    private static final Logger log = LoggerFactory.getLogger(HeartbeatChecker.class);
    private static final int BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    @Inject
    public HeartbeatChecker(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Handles every heartbeat overdue at {@code now}; returns the incidents it opened.
     */
    public List<Long> checkOnce(Instant now)
    {
        List<Long> opened = new ArrayList<>();
        while (true) {
            Batch batch = checkBatch(now);
            opened.addAll(batch.opened());
            // Stop after a short batch, or when rows were left overdue (they would come back).
            if (batch.scanned() < BATCH || batch.opened().size() < batch.scanned()) {
                return opened;
            }
        }
    }

    private record Batch(int scanned, List<Long> opened) {}

    private Batch checkBatch(Instant now)
    {
        return jdbi.inTransaction(handle -> {
            HeartbeatDao dao = handle.attach(HeartbeatDao.class);
            List<Heartbeat> overdue = dao.lockOverdue(now, BATCH);
            List<Long> opened = new ArrayList<>();
            for (Heartbeat heartbeat : overdue) {
                Optional<Long> plan = AutomatedIncidents.activePlanId(handle, heartbeat.plan());
                if (plan.isEmpty()) {
                    // Leave it overdue: it is retried once the plan exists again.
                    log.warn("Heartbeat {}/{} is overdue but plan {} is not active; no incident opened",
                            heartbeat.application(), heartbeat.name(), heartbeat.plan());
                    continue;
                }
                long incident = AutomatedIncidents.open(handle, plan.get(), heartbeat.applicationId(), context(heartbeat, now),
                        "heartbeat:" + heartbeat.name(), "heartbeat:" + heartbeat.name(), "Heartbeat " + heartbeat.name() + " missed");
                dao.setIncident(heartbeat.id(), incident);
                opened.add(incident);
                log.info("Heartbeat {}/{} missed (due {}): opened incident {}", heartbeat.application(), heartbeat.name(), heartbeat.dueAt(), incident);
            }
            return new Batch(overdue.size(), opened);
        });
    }

    private static String context(Heartbeat heartbeat, Instant now)
    {
        ObjectNode context = JSON.createObjectNode();
        context.put("heartbeat", heartbeat.name());
        context.put("application", heartbeat.application());
        context.put("interval_seconds", heartbeat.intervalSeconds());
        if (heartbeat.lastBeat() == null) {
            context.putNull("last_beat");
        }
        else {
            context.put("last_beat", heartbeat.lastBeat().getEpochSecond());
        }
        context.put("due_at", heartbeat.dueAt().getEpochSecond());
        context.put("detected_at", now.getEpochSecond());
        context.put("title", "Heartbeat " + heartbeat.name() + " missed: no beat within " + heartbeat.intervalSeconds() + " seconds");
        try {
            return JSON.writeValueAsString(context);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
