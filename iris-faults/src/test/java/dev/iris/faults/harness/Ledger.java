package dev.iris.faults.harness;

import dev.iris.testing.Deadline;
import dev.iris.testing.fakes.FakeWebhookReceiver.Delivery;
import dev.iris.testing.fakes.FakeWebhookReceiver;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The database's record of a scenario's messages, set against what the receiver got.
 *
 * <p>A page is owed unless a claim or a resolve cancelled it (status {@code cancelled} on an
 * incident that has an owner or is resolved) or storm control suppressed it (status
 * {@code suppressed}, documented in docs/sender.md). Exhaustion of the plan never excuses a page:
 * a message cancelled on an incident nobody claimed or resolved is owed, and lost if it never
 * arrived. A page is delivered when the receiver answered 2xx in time to a correctly signed
 * request carrying its {@code message_id}.
 */
public final class Ledger
{
    private Ledger() {}

    /**
     * One message row as the ledger needs it.
     */
    public record Row(long id, long incidentId, String status, int attempts, boolean claimed, boolean resolved)
    {
        boolean owed()
        {
            boolean cancelledByResponder = status.equals("cancelled") && (claimed || resolved);
            return !cancelledByResponder && !status.equals("suppressed");
        }
    }

    /**
     * The comparison.
     *
     * @param lost owed and never delivered
     * @param duplicated delivered more than once, with every accepted delivery
     */
    public record Reconciliation(List<Row> rows, Set<Long> owed, Set<Long> delivered, Set<Long> lost, Map<Long, List<Delivery>> duplicated,
            int unsigned, Map<String, Integer> statuses)
    {
        public String describeLost()
        {
            Map<Long, Row> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.id(), row));
            List<String> sample = lost.stream().limit(10).map(id -> byId.get(id).toString()).toList();
            return lost.size() + " lost of " + owed.size() + " owed (message statuses " + statuses + "), e.g. " + sample;
        }
    }

    public static List<Row> rows(Jdbi jdbi, long applicationId)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT m.id, m.incident_id, m.status, m.attempts,
                               i.owner_id IS NOT NULL AS claimed, i.resolved
                        FROM message m JOIN incident i ON i.id = m.incident_id
                        WHERE m.application_id = :app
                        ORDER BY m.id""")
                .bind("app", applicationId)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("status"), rs.getInt("attempts"),
                        rs.getBoolean("claimed"), rs.getBoolean("resolved")))
                .list());
    }

    public static Reconciliation reconcile(List<Row> rows, List<Delivery> deliveries)
    {
        Set<Long> owed = new TreeSet<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Set<Long> ids = new TreeSet<>();
        for (Row row : rows) {
            ids.add(row.id());
            statuses.merge(row.status(), 1, Integer::sum);
            if (row.owed()) {
                owed.add(row.id());
            }
        }
        Map<Long, List<Delivery>> accepted = new TreeMap<>();
        int unsigned = 0;
        for (Delivery delivery : deliveries) {
            if (!delivery.signed()) {
                unsigned++;
            }
            if (delivery.accepted() && delivery.messageId() != null && ids.contains(delivery.messageId())) {
                accepted.computeIfAbsent(delivery.messageId(), ignored -> new ArrayList<>()).add(delivery);
            }
        }
        Set<Long> lost = new TreeSet<>(owed);
        lost.removeAll(accepted.keySet());
        Map<Long, List<Delivery>> duplicated = new TreeMap<>();
        accepted.forEach((id, list) -> {
            if (list.size() > 1) {
                duplicated.put(id, List.copyOf(list));
            }
        });
        return new Reconciliation(List.copyOf(rows), owed, Set.copyOf(accepted.keySet()), lost, duplicated, unsigned, statuses);
    }

    /**
     * Waits (bounded) until the scenario is settled, then reconciles: every incident of the
     * application inactive, no message queued or being sent, and every owed page delivered. A
     * scenario that loses pages settles early with them missing; one that keeps messages in
     * flight is reconciled when the deadline passes.
     */
    public static Reconciliation awaitSettled(Jdbi jdbi, long applicationId, FakeWebhookReceiver receiver, Duration limit)
    {
        Deadline deadline = Deadline.after(limit);
        int quietPollsWithLosses = 0;
        while (true) {
            try {
                boolean quiet = jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT (SELECT COUNT(*) FROM incident WHERE application_id = :app AND active = 1)
                                     + (SELECT COUNT(*) FROM message WHERE application_id = :app AND `status` IN ('queued', 'sending'))""")
                        .bind("app", applicationId).mapTo(Long.class).one()) == 0;
                if (quiet) {
                    Reconciliation reconciliation = reconcile(rows(jdbi, applicationId), receiver.deliveries());
                    // Nothing is left to send, so a page missing now stays missing; a few quiet
                    // polls guard against reading the ledger between two commits.
                    if (reconciliation.lost().isEmpty() || deadline.passed() || ++quietPollsWithLosses >= 4) {
                        return reconciliation;
                    }
                }
                else {
                    quietPollsWithLosses = 0;
                }
            }
            catch (RuntimeException e) {
                // The database may still be coming back (the database scenario): poll again.
            }
            if (deadline.passed()) {
                return reconcile(rows(jdbi, applicationId), receiver.deliveries());
            }
            deadline.pause(Duration.ofMillis(500));
        }
    }

    /**
     * Stops whatever the scenario left running in a shared database (after it was reconciled), so
     * the next scenario's senders do not page this scenario's people.
     */
    public static void retire(Jdbi jdbi, long applicationId)
    {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE w FROM escalation_work w JOIN incident i ON i.id = w.incident_id WHERE i.application_id = :app")
                    .bind("app", applicationId).execute();
            handle.createUpdate("UPDATE incident SET active = 0 WHERE application_id = :app").bind("app", applicationId).execute();
            handle.createUpdate("UPDATE message SET `status` = 'cancelled', active = 0 WHERE application_id = :app AND `status` IN ('queued', 'sending')")
                    .bind("app", applicationId).execute();
        });
    }
}
