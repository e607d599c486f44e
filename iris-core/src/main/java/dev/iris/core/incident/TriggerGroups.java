package dev.iris.core.incident;

import dev.iris.db.DatabaseFailures;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Group commit of plain triggers: triggers that arrive while others are being written are
 * written together, in one transaction with one lookup per plan and application, then each
 * caller gets its own incident id. In a storm this takes the per-trigger cost of the
 * transaction ({@code START TRANSACTION}, the lookup, {@code COMMIT}, the event and work inserts
 * as multi-row inserts) down to about one statement, the incident's insert (issue 18,
 * bench/README.md). A trigger that arrives alone is written alone, with the same six statements
 * as before.
 *
 * <p>How it works: a caller queues its trigger, then waits for one of {@link #WRITERS} writer
 * permits. Whoever holds a permit takes what is queued (up to {@link #MAX_GROUP}) and writes it,
 * its own trigger included unless another writer already took it, in which case it waits for
 * that writer's answer. Up to {@link #WRITERS} groups are written at once, so one slow group
 * does not hold every trigger of the node, and groups grow by themselves with the load: while
 * the writers are busy, arrivals queue.
 *
 * <p>Why the promises hold:
 * <ul>
 *   <li><b>Durable before the answer.</b> A caller gets its incident id only after the
 *       {@code COMMIT} of the transaction that wrote its three rows returned.</li>
 *   <li><b>A failed COMMIT fails the whole group</b> and nobody's trigger is written again here:
 *       the outcome is unknown, exactly as for one trigger whose commit failed (the caller gets
 *       the error, 503 when the database is away, and may retry).</li>
 *   <li><b>One trigger cannot fail another.</b> When a statement of a group fails for any other
 *       reason than the database being away or rolling the transaction back again and again (both
 *       answered 503 to every caller, as they would be one by one), nothing of the group was
 *       committed, and every trigger of the group is written again alone, in its own transaction,
 *       with its own outcome.</li>
 *   <li><b>Everything else is written alone</b>: a trigger whose plan or application is unknown,
 *       has dynamic targets, no template, or may fall in a maintenance window is handed back to
 *       its caller, which runs the one-trigger path with its checks, errors and order of checks.</li>
 *   <li><b>Nobody waits forever.</b> Each trigger taken into a group is answered whatever the
 *       group's write returned or threw; deadlock retries rerun the whole transaction callback,
 *       which keeps its results only in what it returns.</li>
 * </ul>
 */
final class TriggerGroups
{
    /** Groups written at once per API node: enough to keep a remote database busy. */
    static final int WRITERS = 4;
    /** The most triggers in one transaction; it bounds the transaction's length and lock time. */
    static final int MAX_GROUP = 64;

    private final Jdbi jdbi;
    private final Semaphore writers;
    private final Queue<Queued> queue = new ConcurrentLinkedQueue<>();

    TriggerGroups(Jdbi jdbi)
    {
        this(jdbi, WRITERS);
    }

    TriggerGroups(Jdbi jdbi, int writers)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.writers = new Semaphore(writers);
    }

    /**
     * Triggers waiting to be taken into a group (for tests that line a group up).
     */
    int waiting()
    {
        return queue.size();
    }

    /**
     * A trigger that needs only the common path, as far as its caller can tell: no deduplication
     * key, no dynamic targets, and the application's template variables known, so its stored
     * context is already filtered.
     */
    record PlainTrigger(String application, long applicationId, String planName, String storedContext) {}

    /**
     * Writes {@code trigger} with whatever else is waiting.
     *
     * @return the new incident, or empty when the trigger must be written alone by its caller
     * @throws RuntimeException the failure of the group's transaction when it failed for every
     *         trigger in it (the database away, a failed commit)
     */
    Optional<IncidentCreation> write(PlainTrigger trigger)
    {
        Queued queued = new Queued(requireNonNull(trigger, "trigger is null"));
        queue.add(queued);
        writers.acquireUninterruptibly();
        try {
            while (!queued.outcome.isDone()) {
                List<Queued> group = take();
                if (group.isEmpty()) {
                    // Another writer took it and answers it.
                    break;
                }
                write(group);
            }
        }
        finally {
            writers.release();
        }
        try {
            return queued.outcome.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private List<Queued> take()
    {
        List<Queued> group = new ArrayList<>();
        while (group.size() < MAX_GROUP) {
            Queued next = queue.poll();
            if (next == null) {
                break;
            }
            group.add(next);
        }
        return group;
    }

    private void write(List<Queued> group)
    {
        // Set when the callback's last statement has run: a failure after it is the COMMIT's.
        AtomicBoolean statementsDone = new AtomicBoolean();
        Written written;
        try {
            written = jdbi.inTransaction(handle -> {
                statementsDone.set(false);
                Map<LookupKey, TriggerWrites.Lookup> lookups = new HashMap<>();
                List<Queued> writing = new ArrayList<>();
                List<Long> ids = new ArrayList<>();
                List<String> actors = new ArrayList<>();
                for (Queued queued : group) {
                    PlainTrigger trigger = queued.trigger;
                    TriggerWrites.Lookup lookup = lookups.computeIfAbsent(new LookupKey(trigger.planName(), trigger.application()),
                            key -> TriggerWrites.lookup(handle, key.planName(), key.application()));
                    // Also written alone: the application renamed or made again since the caller
                    // read its variables.
                    if (!lookup.plain() || lookup.applicationId() != trigger.applicationId()) {
                        continue;
                    }
                    writing.add(queued);
                    ids.add(TriggerWrites.insertIncident(handle, lookup.planId(), trigger.storedContext(), lookup.applicationId(), null));
                    actors.add(trigger.application());
                }
                if (!ids.isEmpty()) {
                    TriggerWrites.insertCreatedEvents(handle, ids, actors);
                    TriggerWrites.scheduleEscalationsNow(handle, ids);
                }
                statementsDone.set(true);
                return new Written(writing, ids);
            });
        }
        catch (RuntimeException | Error failure) {
            answerFailed(group, failure, statementsDone.get());
            return;
        }
        for (int i = 0; i < written.triggers().size(); i++) {
            written.triggers().get(i).outcome.complete(Optional.of(new IncidentCreation(written.ids().get(i), false)));
        }
        // The rest is written alone by its callers.
        for (Queued queued : group) {
            queued.outcome.complete(Optional.empty());
        }
    }

    /**
     * Nothing of the group is known to be committed: each trigger is written again alone unless
     * the failure would fail each of them alone too, or the commit itself failed (then the rows
     * may be committed, and writing them again could open each incident twice).
     */
    private static void answerFailed(List<Queued> group, Throwable failure, boolean failedAtCommit)
    {
        boolean everyoneFails = group.size() == 1 || failedAtCommit || DatabaseFailures.isUnavailable(failure)
                || DatabaseFailures.isRolledBack(failure);
        for (Queued queued : group) {
            if (everyoneFails) {
                queued.outcome.completeExceptionally(failure);
            }
            else {
                queued.outcome.complete(Optional.empty());
            }
        }
    }

    private record LookupKey(String planName, String application) {}

    private record Written(List<Queued> triggers, List<Long> ids) {}

    private static final class Queued
    {
        private final PlainTrigger trigger;
        private final CompletableFuture<Optional<IncidentCreation>> outcome = new CompletableFuture<>();

        private Queued(PlainTrigger trigger)
        {
            this.trigger = trigger;
        }
    }
}
