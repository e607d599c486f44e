package dev.iris.sender.storm;

import dev.iris.sender.dispatch.MessageRow;
import dev.iris.sender.escalation.Plan;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Iris's plan aggregation, with its state in {@code aggregation_state} so every sender agrees.
 * The key is (plan, application, priority, target). When more than {@code threshold_count}
 * messages of a key fall within {@code threshold_window} seconds, the key starts aggregating: its
 * messages are held in a batch for {@code aggregation_window} seconds and then go out as one
 * message ("N messages from plan P", claimable by batch id). Aggregation ends once
 * {@code aggregation_reset} seconds pass without a new message for the key.
 *
 * <p>Held messages stay {@code queued} with the batch id set. The first one of a batch is due
 * when the batch closes; the ones that joined later are due one window after that, as a safety
 * net should the first one be cancelled. Whichever member comes up first flushes the batch.
 */
public final class Aggregator
{
    /**
     * What to do with a message.
     *
     * @param hold true when the message joined a batch and must not be sent now
     */
    public record Decision(boolean hold) {}

    /**
     * A flushed batch.
     *
     * @param members how many messages it carries (1: send the message as a normal one)
     */
    public record Flush(String batch, int members) {}

    /**
     * The key's messages up to this one in the threshold window, counted up to {@code :enough}.
     */
    static final String RECENT_MESSAGES = """
            SELECT COUNT(*) FROM (
                SELECT 1 FROM message
                WHERE plan_id = :plan AND target_id = :target AND application_id = :application
                  AND priority_id = :priority AND created > :since AND id <= :id AND `status` <> 'cancelled'
                LIMIT :enough) recent""";

    /**
     * An aggregation key: plan, application, priority, target.
     */
    private record Key(long plan, int application, int priority, long target)
    {
        static Optional<Key> of(MessageRow row)
        {
            if (row.planId() == null || row.targetId() == null || row.priorityId() == null || row.incidentId() == null) {
                return Optional.empty();
            }
            return Optional.of(new Key(row.planId(), row.applicationId(), row.priorityId(), row.targetId()));
        }
    }

    /**
     * What one claim pass knows about its keys.
     *
     * <p>The keys found below their threshold. The count of a key's recent messages up to a
     * message only grows with the message's id, so when the pass's newest message of a key is not
     * past {@code threshold_count}, none of its older ones is, and one count serves the whole
     * pass. A plan that never means to aggregate (a very high {@code threshold_count}) in a storm
     * otherwise counts the whole window once per message.
     *
     * <p>The state rows the pass locked, as the pass last wrote them: nobody else can change a
     * row the transaction holds, so the pass reads each key's row once, not once per message.
     * After a rollback to a savepoint the pass {@link #forgetStates() forgets} them, since what it
     * wrote after the savepoint is gone.
     */
    public static final class PassKeys
    {
        private final Set<Key> belowThreshold = new HashSet<>();
        private final Map<Key, State> locked = new HashMap<>();

        private PassKeys()
        {
        }

        public void forgetStates()
        {
            locked.clear();
        }
    }

    /**
     * What a pass that claimed nothing yet knows.
     */
    public static PassKeys noKeys()
    {
        return new PassKeys();
    }

    /**
     * Counts, for each key of the pass's first attempts, its recent messages up to the pass's
     * newest one. This runs before the pass locks any key's {@code aggregation_state} row, and it
     * need not run under it: the count depends only on the messages written (their ids, times
     * and status), which that lock does not guard. Under the lock every claim pass of a storm to
     * one person waited for the count of the pass before it (at 100 incidents a second, a count
     * over the threshold window took about 9 ms; issue 18).
     */
    public PassKeys newPass(Handle handle, Collection<MessageRow> claimed, Function<Long, Plan> plans, Instant now)
    {
        Map<Key, Long> newest = new HashMap<>();
        for (MessageRow row : claimed) {
            if (row.isFirstAttempt() && !row.isHeldInBatch()) {
                Key.of(row).ifPresent(key -> newest.merge(key, row.id(), Math::max));
            }
        }
        PassKeys keys = new PassKeys();
        newest.forEach((key, id) -> {
            Plan plan = plans.apply(key.plan());
            if (plan.aggregates() && recentMessages(handle, key, plan, now, id) <= plan.thresholdCount()) {
                keys.belowThreshold.add(key);
            }
        });
        return keys;
    }

    public Decision consider(Handle handle, MessageRow row, Plan plan, Instant now, PassKeys keys)
    {
        Optional<Key> key = Key.of(row);
        if (!plan.aggregates() || key.isEmpty()) {
            return new Decision(false);
        }
        State state = keys.locked.get(key.get());
        if (state == null) {
            state = lockOrCreateState(handle, row);
            keys.locked.put(key.get(), state);
        }
        boolean aggregating = state.lastAggregated() != null && now.isBefore(state.lastAggregated().plusSeconds(plan.aggregationReset()));
        if (!aggregating) {
            if (keys.belowThreshold.contains(key.get())) {
                return new Decision(false);
            }
            if (recentMessages(handle, key.get(), plan, now, row.id()) <= plan.thresholdCount()) {
                return new Decision(false);
            }
        }
        String batch = state.batch();
        Instant batchDue = state.batchDue();
        Instant messageDue;
        if (batch == null || batchDue == null || !now.isBefore(batchDue)) {
            batch = UUID.randomUUID().toString().replace("-", "");
            batchDue = now.plusSeconds(plan.aggregationWindow());
            messageDue = batchDue;
        }
        else {
            messageDue = batchDue.plusSeconds(plan.aggregationWindow());
        }
        handle.createUpdate("""
                        UPDATE aggregation_state SET batch = :batch, batch_due = :due, last_aggregated = :now
                        WHERE plan_id = :plan AND application_id = :application AND priority_id = :priority AND target_id = :target""")
                .bind("batch", batch).bind("due", batchDue).bind("now", now)
                .bind("plan", row.planId()).bind("application", row.applicationId())
                .bind("priority", row.priorityId()).bind("target", row.targetId())
                .execute();
        keys.locked.put(key.get(), new State(batch, batchDue, now));
        handle.createUpdate("UPDATE message SET batch = :batch, next_attempt_at = :due WHERE id = :id")
                .bind("batch", batch).bind("due", messageDue).bind("id", row.id())
                .execute();
        handle.createUpdate("""
                        INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description)
                        VALUES (:now, :id, 'sent-change', '', :batch, :description)""")
                .bind("now", now).bind("id", row.id()).bind("batch", batch)
                .bind("description", "Aggregated with key (%d, %s, %s, %s)".formatted(row.planId(), row.applicationName(), row.priorityName(), row.targetName()))
                .execute();
        return new Decision(true);
    }

    /**
     * Closes the batch of a held message that came due: the other queued members are marked
     * suppressed (they are delivered inside this one), and this message carries the batch.
     */
    public Flush flush(Handle handle, MessageRow row, Instant now, PassKeys keys)
    {
        if (row.planId() != null && row.targetId() != null && row.priorityId() != null) {
            Key key = new Key(row.planId(), row.applicationId(), row.priorityId(), row.targetId());
            State state = keys.locked.get(key);
            if (state == null) {
                state = findAndLockState(handle, row.planId(), row.applicationId(), row.priorityId(), row.targetId()).orElse(null);
            }
            if (state != null && row.batch().equals(state.batch())) {
                handle.createUpdate("""
                                UPDATE aggregation_state SET batch = NULL, batch_due = NULL
                                WHERE plan_id = :plan AND application_id = :application AND priority_id = :priority AND target_id = :target""")
                        .bind("plan", row.planId()).bind("application", row.applicationId())
                        .bind("priority", row.priorityId()).bind("target", row.targetId())
                        .execute();
                state = new State(null, null, state.lastAggregated());
            }
            if (state != null) {
                keys.locked.put(key, state);
            }
        }
        List<Long> others = handle.createQuery("""
                        SELECT id FROM message
                        WHERE batch = :batch AND `status` = 'queued' AND id <> :id
                        FOR UPDATE SKIP LOCKED""")
                .bind("batch", row.batch()).bind("id", row.id())
                .mapTo(Long.class).list();
        if (others.isEmpty()) {
            return new Flush(row.batch(), 1);
        }
        for (long other : others) {
            handle.createUpdate("UPDATE message SET `status` = 'suppressed', active = 0, sent = :now WHERE id = :id")
                    .bind("now", now).bind("id", other).execute();
            handle.createUpdate("""
                            INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description)
                            VALUES (:now, :id, 'sent-change', '', :batch, :description)""")
                    .bind("now", now).bind("id", other).bind("batch", row.batch())
                    .bind("description", "Sent in batch " + row.batch() + " with message " + row.id())
                    .execute();
        }
        return new Flush(row.batch(), others.size() + 1);
    }

    /**
     * The key's messages created in the threshold window up to message {@code upToId}. Only
     * "more than threshold_count or not" matters, so the count stops one past it: a storm to one
     * person costs each count at most threshold_count + 1 index entries
     * (ix_message_aggregation_key holds every column read here), not one per message of the
     * window.
     */
    private static int recentMessages(Handle handle, Key key, Plan plan, Instant now, long upToId)
    {
        return handle.createQuery(RECENT_MESSAGES)
                .bind("plan", key.plan()).bind("target", key.target()).bind("application", key.application())
                .bind("priority", key.priority()).bind("since", now.minusSeconds(plan.thresholdWindow())).bind("id", upToId)
                .bind("enough", plan.thresholdCount() + 1)
                .mapTo(Integer.class).one();
    }

    private record State(String batch, Instant batchDue, Instant lastAggregated) {}

    /**
     * Locks the key's state row, creating it the first time the key is seen. The sender's
     * transactions read committed, so a locking read of a missing row takes no gap lock and two
     * senders meeting a new key both insert (the second insert waits, then changes nothing).
     */
    private static State lockOrCreateState(Handle handle, MessageRow row)
    {
        Optional<State> state = findAndLockState(handle, row.planId(), row.applicationId(), row.priorityId(), row.targetId());
        if (state.isPresent()) {
            return state.get();
        }
        handle.createUpdate("""
                        INSERT INTO aggregation_state (plan_id, application_id, priority_id, target_id)
                        VALUES (:plan, :application, :priority, :target)
                        ON DUPLICATE KEY UPDATE plan_id = plan_id""")
                .bind("plan", row.planId()).bind("application", row.applicationId())
                .bind("priority", row.priorityId()).bind("target", row.targetId())
                .execute();
        return findAndLockState(handle, row.planId(), row.applicationId(), row.priorityId(), row.targetId()).orElseThrow();
    }

    private static Optional<State> findAndLockState(Handle handle, long planId, int applicationId, int priorityId, long targetId)
    {
        return handle.createQuery("""
                        SELECT batch, batch_due, last_aggregated FROM aggregation_state
                        WHERE plan_id = :plan AND application_id = :application AND priority_id = :priority AND target_id = :target
                        FOR UPDATE""")
                .bind("plan", planId).bind("application", applicationId).bind("priority", priorityId).bind("target", targetId)
                .map((rs, ctx) -> new State(
                        rs.getString("batch"),
                        rs.getTimestamp("batch_due") == null ? null : rs.getTimestamp("batch_due").toInstant(),
                        rs.getTimestamp("last_aggregated") == null ? null : rs.getTimestamp("last_aggregated").toInstant()))
                .findOne();
    }
}
