package dev.iris.core.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationCache;
import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class IncidentServiceTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Database database;
    private static IncidentService incidents;
    private static ClaimService claims;

    @BeforeAll
    static void start()
    {
        database = TestingMariaDb.get().newDatabase();
        database.jdbi().useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long application = seed.application("alerts", "key", false, List.of("host"));
            long alice = seed.user("alice", false, Map.of());
            seed.template("tmpl", alice, application, List.of("email"), "s", "b");
            seed.plan("plan", alice, "d", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "tmpl", 0, 60)), 0, 0, 0, 0);
        });
        incidents = new IncidentService(database, JSON, new ApplicationCache(database.jdbi(), Clock.systemUTC(), ApplicationCache.DEFAULT_TTL));
        claims = new ClaimService(database.jdbi());
    }

    @AfterAll
    static void stop()
    {
        if (database != null) {
            database.close();
        }
    }

    private static long count(String sql, Object... arguments)
    {
        return database.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    @Test
    void concurrentRepeatsOfOneKeyOpenOneIncident()
            throws Exception
    {
        int callers = 6;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<IncidentCreation>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<IncidentCreation> create = () -> {
                    start.await();
                    return incidents.create("alerts", "plan", JSON.readTree("{\"host\": \"db1\"}"), List.of(), "concurrent-key");
                };
                results.add(executor.submit(create));
            }
            start.countDown();
            List<IncidentCreation> creations = new ArrayList<>();
            for (Future<IncidentCreation> result : results) {
                creations.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(creations).extracting(IncidentCreation::incidentId).containsOnly(creations.get(0).incidentId());
            assertThat(creations).filteredOn(creation -> !creation.deduplicated()).hasSize(1);
            assertThat(count("SELECT COUNT(*) FROM incident WHERE dedup_key = 'concurrent-key'")).isEqualTo(1);
            assertThat(count("SELECT dedup_count FROM incident WHERE dedup_key = 'concurrent-key'")).isEqualTo(callers - 1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void withoutKeyEveryCallOpensAnIncident()
    {
        IncidentCreation first = incidents.create("alerts", "plan", null, List.of(), null);
        IncidentCreation second = incidents.create("alerts", "plan", null, List.of(), null);
        assertThat(first.deduplicated()).isFalse();
        assertThat(second.incidentId()).isNotEqualTo(first.incidentId());
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND context = '{\"host\":null}'", first.incidentId())).isEqualTo(1);
    }

    @Test
    void claimedThenUnclaimedIncidentIsDueAgain()
    {
        long id = incidents.create("alerts", "plan", null, List.of(), null).incidentId();
        ClaimResult claimed = claims.claim(id, "alice");
        assertThat(claimed).isEqualTo(new ClaimResult(id, "alice", false));
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isZero();
        assertThat(claims.claim(id, null)).isEqualTo(new ClaimResult(id, null, true));
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ? AND due_at <= NOW(3)", id)).isEqualTo(1);
        assertThatThrownBy(() -> claims.claim(id, "nobody")).isInstanceOf(IrisException.class).hasMessage("Invalid claim: no matching owner");
        assertThatThrownBy(() -> claims.claim(-5, "alice")).isInstanceOf(IrisException.class).hasMessage("Invalid claim: no matching incident id");
    }

    @Test
    void resolvingByKeyEndsDeduplication()
    {
        long id = incidents.create("alerts", "plan", null, List.of(), "clears").incidentId();
        assertThat(claims.resolveByDedupKey("alerts", "clears", "alertmanager")).contains(id);
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'resolved' AND actor = 'alertmanager'", id)).isEqualTo(1);
        assertThat(claims.resolveByDedupKey("alerts", "clears", "alertmanager")).isEmpty();
        assertThat(claims.resolveByDedupKey("no-such-app", "clears", "alertmanager")).isEmpty();
        IncidentCreation next = incidents.create("alerts", "plan", null, List.of(), "clears");
        assertThat(next.deduplicated()).isFalse();
        assertThat(next.incidentId()).isNotEqualTo(id);
    }

    @Test
    void exhaustedIncidentNoLongerAbsorbsRepeats()
    {
        long id = incidents.create("alerts", "plan", null, List.of(), "exhausted").incidentId();
        database.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET active = 0 WHERE id = ?", id));
        assertThat(incidents.create("alerts", "plan", null, List.of(), "exhausted").incidentId()).isNotEqualTo(id);
    }

    @Test
    void unknownPlanIsNotFound()
    {
        assertThatThrownBy(() -> incidents.create("alerts", "no-such-plan", null, List.of(), null))
                .isInstanceOfSatisfying(IrisException.class, exception -> assertThat(exception.status()).isEqualTo(404));
    }
}
