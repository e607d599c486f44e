package dev.iris.core.retention;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Deletes incidents and messages older than the configured age, optionally archiving them to JSON
 * lines first. Works in small batches, each its own short transaction over rows picked by primary
 * key, with a pause between batches, so live traffic is never blocked for long.
 *
 * <p>Only finished work goes: incidents that are no longer escalating (with their messages,
 * comments and timeline, by cascade) and out-of-band messages that are no longer queued or being
 * sent. Vendor bookkeeping rows of deleted messages go with them.
 */
public final class RetentionJob
{
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** Pauses between batches; tests pass one that does not sleep. */
    public interface Pause
    {
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration)
                throws InterruptedException;
    }

    public record Result(long incidentsDeleted, long messagesDeleted, int batches) {}

    private final Jdbi jdbi;
    private final RetentionConfig config;
    private final Pause pause;

    @Inject
    public RetentionJob(Jdbi jdbi, RetentionConfig config)
    {
        this(jdbi, config, Pause.SLEEP);
    }

    public RetentionJob(Jdbi jdbi, RetentionConfig config, Pause pause)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.config = requireNonNull(config, "config is null");
        this.pause = requireNonNull(pause, "pause is null");
    }

    /**
     * Runs until nothing older than the cutoff ({@code now} minus the maximum age) is left.
     */
    public Result run(Instant now)
            throws InterruptedException
    {
        Instant cutoff = now.minus(Duration.ofMillis(config.getMaxAge().toMilliseconds()));
        Optional<JsonLinesArchive> archive = Optional.ofNullable(config.getArchiveDirectory())
                .map(directory -> new JsonLinesArchive(Path.of(directory), now));
        long incidents = 0;
        long messages = 0;
        int batches = 0;
        log.info("Retention: deleting incidents and messages created before {}", cutoff);
        // A batch that loses a deadlock runs again (TransactionRetry) and appends its rows to the
        // archive again: the archive holds every deleted row at least once, never none.
        while (true) {
            long[] deleted = jdbi.inTransaction(handle -> deleteIncidentBatch(handle, cutoff, archive));
            if (deleted[0] == 0) {
                break;
            }
            incidents += deleted[0];
            messages += deleted[1];
            batches++;
            pause();
        }
        while (true) {
            int deleted = jdbi.inTransaction(handle -> deleteMessageBatch(handle, cutoff, archive));
            if (deleted == 0) {
                break;
            }
            messages += deleted;
            batches++;
            pause();
        }
        log.info("Retention: deleted {} incidents and {} messages in {} batches", incidents, messages, batches);
        return new Result(incidents, messages, batches);
    }

    private void pause()
            throws InterruptedException
    {
        long millis = config.getCooldown().toMilliseconds();
        if (millis > 0) {
            pause.pause(Duration.ofMillis(millis));
        }
    }

    private long[] deleteIncidentBatch(Handle handle, Instant cutoff, Optional<JsonLinesArchive> archive)
    {
        List<Long> ids = lockBatch(handle, cutoff, """
                SELECT id FROM incident WHERE created < :cutoff AND active = 0
                ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""");
        if (ids.isEmpty()) {
            return new long[] {0, 0};
        }
        // The messages of a batch of incidents may be many: delete them in batches of their own
        // first, so the cascade from the incident rows stays small.
        long messages = 0;
        while (true) {
            List<Long> messageIds = handle.createQuery("SELECT id FROM message WHERE incident_id IN (<ids>) ORDER BY id LIMIT :limit")
                    .bindList("ids", ids)
                    .bind("limit", config.getBatchSize())
                    .mapTo(Long.class)
                    .list();
            if (messageIds.isEmpty()) {
                break;
            }
            messages += deleteMessages(handle, messageIds, archive);
        }
        archive.ifPresent(files -> {
            files.append("incident", rows(handle, "SELECT * FROM incident WHERE id IN (<ids>) ORDER BY id", ids));
            files.append("incident_event", rows(handle, "SELECT * FROM incident_event WHERE incident_id IN (<ids>) ORDER BY id", ids));
            files.append("comment", rows(handle, "SELECT * FROM comment WHERE incident_id IN (<ids>) ORDER BY id", ids));
        });
        int incidents = handle.createUpdate("DELETE FROM incident WHERE id IN (<ids>)").bindList("ids", ids).execute();
        return new long[] {incidents, messages};
    }

    private int deleteMessageBatch(Handle handle, Instant cutoff, Optional<JsonLinesArchive> archive)
    {
        List<Long> ids = lockBatch(handle, cutoff, """
                SELECT id FROM message
                WHERE incident_id IS NULL AND created < :cutoff AND `status` NOT IN ('queued', 'sending')
                ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""");
        if (ids.isEmpty()) {
            return 0;
        }
        return deleteMessages(handle, ids, archive);
    }

    /**
     * The ids a batch query ({@code :cutoff}, {@code :limit}) selects and locks, skipping rows
     * another retention job holds.
     */
    private List<Long> lockBatch(Handle handle, Instant cutoff, String sql)
    {
        return handle.createQuery(sql)
                .bind("cutoff", cutoff)
                .bind("limit", config.getBatchSize())
                .mapTo(Long.class)
                .list();
    }

    private static int deleteMessages(Handle handle, List<Long> ids, Optional<JsonLinesArchive> archive)
    {
        archive.ifPresent(files -> {
            files.append("message", rows(handle, "SELECT * FROM message WHERE id IN (<ids>) ORDER BY id", ids));
            files.append("message_changelog", rows(handle, "SELECT * FROM message_changelog WHERE message_id IN (<ids>) ORDER BY id", ids));
        });
        for (String table : List.of("twilio_delivery_status", "twilio_retry", "generic_message_sent_status", "response", "dev_inbox")) {
            // Table names come from this fixed list, never from input.
            handle.createUpdate("DELETE FROM " + table + " WHERE message_id IN (<ids>)").bindList("ids", ids).execute();
        }
        return handle.createUpdate("DELETE FROM message WHERE id IN (<ids>)").bindList("ids", ids).execute();
    }

    private static List<Map<String, Object>> rows(Handle handle, String sql, List<Long> ids)
    {
        return handle.createQuery(sql).bindList("ids", ids).mapToMap().list();
    }
}
