package dev.iris.sender.dispatch;

import dev.iris.sender.ValuesById;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Records sent outcomes for all send threads together (a group commit): a send thread hands its
 * outcome over and waits until the transaction that carries it has committed, so
 * {@link Dispatcher#deliver} still returns only once its outcome is recorded. One thread writes at
 * a time; the outcomes that arrive while it writes go into the next transaction, all of them in
 * a few statements (one UPDATE by their ids, {@link ValuesById}; a read of what it changed; one
 * insert of the delivery statuses). With one send finishing at a time nothing waits and a transaction carries
 * one outcome, as before; with hundreds of sends in flight a transaction carries dozens, which is
 * what takes the outcome record from two statements per message to a fraction of one.
 *
 * <p>Nothing about delivery changes: the vendor has been called before an outcome arrives here,
 * and an outcome that is never recorded (the sender dies while it waits, or the database is
 * down) leaves its message in {@code sending}, so it is sent again after its deadline, exactly as
 * when a sender dies between the vendor call and its own record. Each message is still updated
 * only while it carries the sender's attempt number, so an overrun sender cannot overwrite a
 * newer attempt. When a whole transaction fails for one bad outcome, its outcomes are written one
 * at a time so the others are not lost with it.
 */
final class SentRecorder
{
    private static final Logger log = LoggerFactory.getLogger(SentRecorder.class);
    /** What a sent record writes, after the attempt it is guarded by. */
    static final List<String> COLUMNS = List.of("sent", "vendor", "vendor_message_id", "subject", "body", "template_id", "mode_id",
            "destination");
    private static final List<String> ATTEMPT_AND_COLUMNS = java.util.stream.Stream.concat(java.util.stream.Stream.of("attempt"),
            COLUMNS.stream()).toList();
    /** Outcomes in one transaction at most: keeps the statement and its lock set small. */
    static final int MAX_BATCH = 200;
    private static final Set<String> CALLBACK_TRACKED_MODES = Set.of("sms", "call");

    /**
     * An outcome to record.
     *
     * @param sentAt when the vendor accepted it
     */
    record Sent(ClaimedMessage message, String vendor, String vendorMessageId, String subject, String body, Long templateId, Instant sentAt) {}

    private static final class Pending
    {
        private final Sent sent;
        private boolean done;
        private boolean recorded;
        private RuntimeException failure;

        Pending(Sent sent)
        {
            this.sent = sent;
        }
    }

    private final Jdbi jdbi;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    SentRecorder(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Records a sent message and returns once the record committed.
     *
     * @return false when the message no longer carried this attempt (another sender took it over)
     * @throws RuntimeException when the record could not be written; the message stays in
     *         {@code sending} and is sent again after its deadline
     */
    boolean record(Sent sent)
    {
        Pending pending = new Pending(sent);
        boolean interrupted = false;
        synchronized (this) {
            queue.add(pending);
        }
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (this) {
                while (writing && !pending.done) {
                    try {
                        wait();
                    }
                    catch (InterruptedException e) {
                        // The vendor was called: the outcome is recorded all the same.
                        interrupted = true;
                    }
                }
                if (pending.done) {
                    break;
                }
                writing = true;
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            }
            try {
                write(batch);
            }
            finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.recorded;
    }

    /**
     * Writes a batch and marks each of its outcomes done (under the lock, which publishes them to
     * the waiting threads).
     */
    private void write(List<Pending> batch)
    {
        Map<Long, Integer> recorded;
        try {
            recorded = writeTogether(batch);
        }
        catch (RuntimeException e) {
            if (batch.size() == 1) {
                finish(batch, Map.of(), e);
                return;
            }
            log.warn("Recording {} sent messages together failed; recording them one at a time", batch.size(), e);
            for (Pending pending : batch) {
                try {
                    finish(List.of(pending), writeTogether(List.of(pending)), null);
                }
                catch (RuntimeException single) {
                    finish(List.of(pending), Map.of(), single);
                }
            }
            return;
        }
        finish(batch, recorded, null);
    }

    private synchronized void finish(List<Pending> batch, Map<Long, Integer> recorded, RuntimeException failure)
    {
        for (Pending pending : batch) {
            ClaimedMessage message = pending.sent.message();
            pending.recorded = Integer.valueOf(message.attempt()).equals(recorded.get(message.id()));
            pending.failure = failure;
            pending.done = true;
        }
    }

    /**
     * @return message id -> attempt, of the messages recorded as sent (those still carrying the
     *         attempt of their outcome)
     */
    private Map<Long, Integer> writeTogether(List<Pending> batch)
    {
        // A message has at most one attempt in flight per sender; should an older one still be
        // waiting here, the newer attempt is the one the row can carry.
        Map<Long, Sent> byId = new HashMap<>();
        for (Pending pending : batch) {
            byId.merge(pending.sent.message().id(), pending.sent, (a, b) -> a.message().attempt() >= b.message().attempt() ? a : b);
        }
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            List<List<Object>> rows = new ArrayList<>();
            for (Sent sent : byId.values()) {
                ClaimedMessage message = sent.message();
                rows.add(Arrays.asList(message.id(), message.attempt(), sent.sentAt(), sent.vendor(), sent.vendorMessageId(), sent.subject(),
                        sent.body(), sent.templateId(), message.modeId(), message.destination()));
            }
            // Only rows still in sending with this sender's attempt change; a single-table UPDATE
            // by id at READ COMMITTED waits for no other row, whatever plan the server picks.
            ValuesById values = ValuesById.of("v", "id", ATTEMPT_AND_COLUMNS, rows);
            if (dao.markAllSent(values.ids(), values.assignments(COLUMNS), values.caseOf("attempt"), values.values()) == 0) {
                return Map.<Long, Integer>of();
            }
            // Which of them this transaction recorded: sent, with the attempt it was sent in
            // (an attempt number belongs to one claim, so nobody else recorded that attempt).
            Map<Long, Integer> recorded = new HashMap<>();
            List<Long> generic = new ArrayList<>();
            List<String> sids = new ArrayList<>();
            List<Long> sidMessages = new ArrayList<>();
            for (MessageDao.SendState state : dao.sendStates(byId.keySet())) {
                Sent sent = byId.get(state.id());
                ClaimedMessage message = sent.message();
                if (!"sent".equals(state.status()) || state.attempts() != message.attempt()) {
                    continue;
                }
                recorded.put(message.id(), message.attempt());
                if (!CALLBACK_TRACKED_MODES.contains(message.mode())) {
                    generic.add(message.id());
                }
                else if (sent.vendorMessageId() != null) {
                    sids.add(sent.vendorMessageId());
                    sidMessages.add(message.id());
                }
            }
            if (!generic.isEmpty()) {
                dao.genericSentStatuses(generic);
            }
            if (!sids.isEmpty()) {
                dao.twilioSids(sids, sidMessages);
            }
            return recorded;
        });
    }
}
