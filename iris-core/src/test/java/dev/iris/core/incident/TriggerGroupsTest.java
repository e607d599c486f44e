package dev.iris.core.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.core.application.ApplicationCache;
import dev.iris.db.Database;
import dev.iris.testing.Deadline;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit of triggers ({@link TriggerGroups}) on a real MariaDB. Groups are lined up by
 * holding the plan's row locked: a group's incident insert checks its plan and waits, and the
 * triggers that arrive meanwhile queue behind the one writer these tests allow.
 */
final class TriggerGroupsTest
{
    private static final String PLAN = "plan";

    private static Database database;
    private static long applicationId;
    private static long planId;
    private static final AtomicInteger transactions = new AtomicInteger();

    private TriggerGroups groups;
    private ExecutorService callers;

    @BeforeAll
    static void start()
    {
        database = TestingMariaDb.get().newDatabase();
        database.jdbi().useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            applicationId = seed.application("alerts", "key", false, List.of("host"));
            long alice = seed.user("alice", false, Map.of());
            seed.template("tmpl", alice, applicationId, List.of("email"), "s", "b");
            planId = seed.plan(PLAN, alice, "d", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "tmpl", 0, 60)), 0, 0, 0, 0);
            // A row the database itself refuses, as a constraint or a full disk would refuse one.
            handle.execute("""
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON incident FOR EACH ROW
                    BEGIN
                      IF NEW.context LIKE '%poison%' THEN
                        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'poisoned context';
                      END IF;
                    END""");
        });
        // Each group, and each trigger written alone, is one transaction on its own handle.
        database.explicitTransactionJdbi().getConfig(Handles.class).addListener(new HandleListener()
        {
            @Override
            public void handleCreated(Handle handle)
            {
                transactions.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop()
    {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void oneWriter()
    {
        groups = new TriggerGroups(database.explicitTransactionJdbi(), 1);
        callers = Executors.newCachedThreadPool();
    }

    @Test
    void triggersThatArriveWhileOneIsWrittenShareOneTransactionAndEachGetsItsOwnIncident()
            throws Exception
    {
        int before = transactions.get();
        List<TriggerGroups.PlainTrigger> group = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            group.add(trigger("host-" + i));
        }
        List<Future<Optional<IncidentCreation>>> results = writeBehindAWaitingOne(group);
        List<Long> ids = new ArrayList<>();
        for (Future<Optional<IncidentCreation>> result : results) {
            IncidentCreation creation = result.get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(creation.deduplicated()).isFalse();
            ids.add(creation.incidentId());
        }
        assertThat(ids).doesNotHaveDuplicates();
        // The first alone, the twenty others together.
        assertThat(transactions.get() - before).isEqualTo(2);
        assertThat(value("SELECT context FROM incident WHERE id = ?", ids.get(0))).isEqualTo("{\"host\":\"first\"}");
        for (int i = 1; i < ids.size(); i++) {
            long id = ids.get(i);
            assertThat(value("SELECT context FROM incident WHERE id = ?", id)).isEqualTo("{\"host\":\"host-" + (i - 1) + "\"}");
            assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'created' AND actor = 'alerts'", id)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ? AND due_at <= NOW(3)", id)).isEqualTo(1);
        }
    }

    @Test
    void aTriggerTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsWritten()
            throws Exception
    {
        int before = transactions.get();
        List<Future<Optional<IncidentCreation>>> results = writeBehindAWaitingOne(
                List.of(trigger("fine-0"), trigger("fine-1"), trigger("fine-2"), trigger("fine-3"), trigger("poison")));
        assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isPresent();
        // Handed back to be written alone by their callers (as IncidentService does), where only
        // the refused one fails; the poisoned one is the last.
        for (Future<Optional<IncidentCreation>> result : results.subList(1, results.size())) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(transactions.get() - before).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE context LIKE '%fine-%'")).isZero();
    }

    @Test
    void aGroupOfOneFailsWithTheDatabasesOwnError()
    {
        assertThatThrownBy(() -> groups.write(trigger("poison"))).hasStackTraceContaining("poisoned context");
    }

    @Test
    void throughTheServiceOnlyTheRefusedTriggerFailsAndTheOthersAreOpened()
            throws Exception
    {
        IncidentService incidents = new IncidentService(database, new ObjectMapper(),
                new ApplicationCache(database.jdbi(), Clock.systemUTC(), ApplicationCache.DEFAULT_TTL));
        ObjectMapper json = new ObjectMapper();
        List<Future<IncidentCreation>> fine = new ArrayList<>();
        Future<IncidentCreation> poisoned;
        try (Handle lock = lockPlan()) {
            // The service's writers each wait on the lock with one trigger; the rest queue and
            // form one group.
            for (int i = 0; i < TriggerGroups.WRITERS + 6; i++) {
                String host = "service-" + i;
                fine.add(callers.submit(() -> incidents.create("alerts", PLAN, json.readTree("{\"host\": \"" + host + "\"}"), List.of(), null)));
                int waits = i + 1;
                if (waits <= TriggerGroups.WRITERS) {
                    awaitTrue(() -> lockWaits() == waits);
                }
            }
            poisoned = callers.submit(() -> incidents.create("alerts", PLAN, json.readTree("{\"host\": \"service-poison\"}"), List.of(), null));
            awaitTrue(() -> incidents.groups.waiting() == 7);
            lock.rollback();
        }
        List<Long> ids = new ArrayList<>();
        for (Future<IncidentCreation> result : fine) {
            ids.add(result.get(30, TimeUnit.SECONDS).incidentId());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThatThrownBy(() -> poisoned.get(30, TimeUnit.SECONDS)).hasStackTraceContaining("poisoned context");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE context LIKE '%service-%'")).isEqualTo(fine.size());
        assertThat(count("SELECT COUNT(*) FROM escalation_work w JOIN incident i ON i.id = w.incident_id WHERE i.context LIKE '%service-%'"))
                .isEqualTo(fine.size());
    }

    @Test
    void aTriggerOfAnUnknownPlanIsHandedBackAndItsGroupIsWritten()
            throws Exception
    {
        List<Future<Optional<IncidentCreation>>> results = writeBehindAWaitingOne(
                List.of(new TriggerGroups.PlainTrigger("alerts", applicationId, "no-such-plan", "{\"host\":\"x\"}"), trigger("known")));
        assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(results.get(1).get(30, TimeUnit.SECONDS)).isEmpty();
        long id = results.get(2).get(30, TimeUnit.SECONDS).orElseThrow().incidentId();
        assertThat(value("SELECT context FROM incident WHERE id = ?", id)).isEqualTo("{\"host\":\"known\"}");
    }

    /**
     * Writes a first trigger and, while its insert waits for {@link #lockPlan}'s lock, queues
     * {@code group} behind it; releases the lock once all of them are queued.
     *
     * @return the outcomes: the first trigger's, then the group's in order
     */
    private List<Future<Optional<IncidentCreation>>> writeBehindAWaitingOne(List<TriggerGroups.PlainTrigger> group)
    {
        List<Future<Optional<IncidentCreation>>> results = new ArrayList<>();
        try (Handle lock = lockPlan()) {
            results.add(callers.submit(() -> groups.write(trigger("first"))));
            awaitTrue(() -> lockWaits() == 1);
            for (TriggerGroups.PlainTrigger trigger : group) {
                results.add(callers.submit(() -> groups.write(trigger)));
            }
            awaitTrue(() -> groups.waiting() == group.size());
            lock.rollback();
        }
        return results;
    }

    private static TriggerGroups.PlainTrigger trigger(String host)
    {
        return new TriggerGroups.PlainTrigger("alerts", applicationId, PLAN, "{\"host\":\"" + host + "\"}");
    }

    /**
     * Locks the plan's row in a transaction of the test's own, as long as the handle is open:
     * inserting an incident of the plan checks its foreign key and waits for the lock.
     */
    private static Handle lockPlan()
    {
        Handle handle = database.jdbi().open();
        handle.begin();
        handle.createQuery("SELECT id FROM plan WHERE id = ? FOR UPDATE").bind(0, planId).mapTo(Long.class).one();
        return handle;
    }

    private static long lockWaits()
    {
        // The server's list of running statements: the waiting insert shows there whatever the
        // storage engine reports of its wait.
        return count("""
                SELECT COUNT(*) FROM information_schema.PROCESSLIST
                WHERE DB = DATABASE() AND COMMAND = 'Query' AND INFO LIKE 'INSERT INTO incident %'""");
    }

    private static void awaitTrue(BooleanSupplier condition)
    {
        assertThat(Deadline.after(Duration.ofSeconds(20)).await(condition, Duration.ofMillis(10))).as("waited 20 s").isTrue();
    }

    private static long count(String sql, Object... arguments)
    {
        return ((Number) value(sql, arguments)).longValue();
    }

    private static Object value(String sql, Object... arguments)
    {
        return database.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapToMap().one().values().iterator().next();
        });
    }
}
