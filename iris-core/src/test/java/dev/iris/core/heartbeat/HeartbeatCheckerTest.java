package dev.iris.core.heartbeat;

import dev.iris.common.http.IrisException;
import dev.iris.db.Database;
import dev.iris.testing.TestingClock;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class HeartbeatCheckerTest
{
    private static final Instant START = Instant.parse("2027-03-01T10:00:00Z");

    private Database database;
    private Jdbi jdbi;
    private TestingClock clock;
    private HeartbeatService heartbeats;
    private HeartbeatChecker checker;
    private long application;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        jdbi.useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            application = seed.application("cron", "cron-key", false, List.of("title"));
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            seed.template("page", owner, application, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("cron-down", owner, "", List.of(Notification.of(1, "user", owner, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        clock = new TestingClock(START);
        heartbeats = new HeartbeatService(jdbi, clock);
        checker = new HeartbeatChecker(jdbi);
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void missedHeartbeatOpensOneIncidentAndTheNextBeatResolvesIt()
    {
        heartbeats.register(application, "nightly-backup", 3600, "cron-down");

        assertThat(checker.checkOnce(START.plus(59, ChronoUnit.MINUTES))).isEmpty();
        List<Long> opened = checker.checkOnce(START.plus(61, ChronoUnit.MINUTES));
        assertThat(opened).hasSize(1);
        long incident = opened.get(0);
        assertThat(incidentState(incident)).isEqualTo("active=1 resolved=0 work=1 key=heartbeat:nightly-backup");
        assertThat(text("SELECT context FROM incident WHERE id = :id", incident))
                .contains("\"heartbeat\":\"nightly-backup\"", "\"interval_seconds\":3600", "\"last_beat\":null");
        // Still missed later: no second incident while the first is open.
        assertThat(checker.checkOnce(START.plus(5, ChronoUnit.HOURS))).isEmpty();
        assertThat(heartbeats.list("cron")).singleElement().satisfies(heartbeat -> {
            assertThat(heartbeat.status()).isEqualTo("missed");
            assertThat(heartbeat.incidentId()).isEqualTo(incident);
        });

        // A page is queued when the beat comes back: the beat cancels it and stops escalation.
        queueMessage(incident);
        clock.advance(Duration.ofHours(5));
        Heartbeat afterBeat = heartbeats.beat(application, "nightly-backup").orElseThrow();

        assertThat(incidentState(incident)).isEqualTo("active=0 resolved=1 work=0 key=heartbeat:nightly-backup");
        assertThat(text("SELECT CONCAT(`status`, ' ', active) FROM message WHERE incident_id = :id", incident)).isEqualTo("cancelled 0");
        assertThat(texts("SELECT kind FROM incident_event WHERE incident_id = :id ORDER BY id", incident)).containsExactly("created", "resolved");
        assertThat(afterBeat.status()).isEqualTo("ok");
        assertThat(afterBeat.lastBeat()).isEqualTo(START.plus(5, ChronoUnit.HOURS));
        assertThat(afterBeat.dueAt()).isEqualTo(START.plus(6, ChronoUnit.HOURS));

        // The next miss opens a new incident.
        assertThat(checker.checkOnce(START.plus(6, ChronoUnit.HOURS).minusSeconds(1))).isEmpty();
        List<Long> second = checker.checkOnce(START.plus(6, ChronoUnit.HOURS).plusSeconds(1));
        assertThat(second).singleElement().isNotEqualTo(incident);
    }

    @Test
    void checkersOnSeveralNodesOpenOneIncidentPerMiss()
            throws Exception
    {
        for (int i = 0; i < 30; i++) {
            heartbeats.register(application, "job-" + i, 60, "cron-down");
        }
        Instant later = START.plusSeconds(120);
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                HeartbeatChecker nodeChecker = new HeartbeatChecker(jdbi);
                results.add(nodes.submit(() -> {
                    go.await();
                    return nodeChecker.checkOnce(later);
                }));
            }
            go.countDown();
            List<Long> opened = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                opened.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(opened).hasSize(30).doesNotHaveDuplicates();
        }
        finally {
            nodes.shutdownNow();
        }
        assertThat(countIncidents()).isEqualTo(30);
    }

    @Test
    void regularBeatsNeverOpenAnIncident()
    {
        heartbeats.register(application, "every-minute", 60, "cron-down");
        for (int minute = 0; minute < 10; minute++) {
            clock.advance(Duration.ofSeconds(50));
            heartbeats.beat(application, "every-minute").orElseThrow();
            assertThat(checker.checkOnce(clock.instant().plusSeconds(30))).isEmpty();
        }
        assertThat(countIncidents()).isZero();
    }

    @Test
    void reRegisteringChangesIntervalFromTheLastBeat()
    {
        heartbeats.register(application, "job", 60, "cron-down");
        clock.advance(Duration.ofSeconds(30));
        heartbeats.beat(application, "job").orElseThrow();
        Heartbeat changed = heartbeats.register(application, "job", 600, "cron-down");

        assertThat(changed.intervalSeconds()).isEqualTo(600);
        assertThat(changed.dueAt()).isEqualTo(START.plusSeconds(30 + 600));
        assertThat(heartbeats.list("cron")).hasSize(1);
    }

    @Test
    void overdueHeartbeatWhosePlanIsGoneWaitsForThePlan()
    {
        heartbeats.register(application, "job", 60, "cron-down");
        jdbi.useHandle(handle -> handle.execute("DELETE FROM plan_active WHERE name = 'cron-down'"));

        assertThat(checker.checkOnce(START.plusSeconds(120))).isEmpty();
        assertThat(countIncidents()).isZero();
    }

    @Test
    void beatOfAnUnknownHeartbeatIsEmpty()
    {
        assertThat(heartbeats.beat(application, "nobody")).isEmpty();
    }

    @Test
    void registrationIsValidated()
    {
        assertThatThrownBy(() -> heartbeats.register(application, "job", 5, "cron-down"))
                .isInstanceOf(IrisException.class).hasMessageContaining("interval_seconds must be between 10");
        assertThatThrownBy(() -> heartbeats.register(application, "job", 60, "no-such-plan"))
                .isInstanceOf(IrisException.class).hasMessageContaining("No active plan named no-such-plan");
        assertThatThrownBy(() -> heartbeats.register(application, "bad name!", 60, "cron-down"))
                .isInstanceOf(IrisException.class).hasMessageContaining("name must be");
        assertThatThrownBy(() -> heartbeats.register(application, "job", 60, null))
                .isInstanceOf(IrisException.class).hasMessageContaining("plan is missing");
    }

    @Test
    void deleteRemovesTheHeartbeat()
    {
        heartbeats.register(application, "job", 60, "cron-down");

        assertThat(heartbeats.delete(application, "job")).isTrue();
        assertThat(heartbeats.delete(application, "job")).isFalse();
        assertThat(checker.checkOnce(START.plusSeconds(3600))).isEmpty();
    }

    private String incidentState(long incident)
    {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT CONCAT('active=', i.active, ' resolved=', i.resolved,
                                      ' work=', (SELECT COUNT(*) FROM escalation_work w WHERE w.incident_id = i.id),
                                      ' key=', i.dedup_key)
                        FROM incident i WHERE i.id = :id""")
                .bind("id", incident).mapTo(String.class).one());
    }

    private String text(String sql, long id)
    {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).mapTo(String.class).one());
    }

    private List<String> texts(String sql, long id)
    {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).mapTo(String.class).list());
    }

    private void queueMessage(long incident)
    {
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, incident_id, active, `status`, next_attempt_at)
                SELECT NOW(3), application_id, NULL, id, 1, 'queued', NOW(3) FROM incident WHERE id = ?""", incident));
    }

    private int countIncidents()
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM incident").mapTo(Integer.class).one());
    }
}
