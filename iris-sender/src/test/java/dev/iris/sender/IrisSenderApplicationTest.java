package dev.iris.sender;

import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process: YAML config, vendors and role lookups loaded as plugins, the database clock,
 * the engine's own threads, the admin port.
 */
final class IrisSenderApplicationTest
{
    private static DropwizardTestSupport<IrisSenderConfiguration> support;
    private static Database database;
    private static Jdbi jdbi;
    private static long plan;

    @BeforeAll
    static void start()
            throws Exception
    {
        TestingMariaDb mariaDb = TestingMariaDb.get();
        String url = mariaDb.newDatabaseUrl();
        database = Database.connect(url, mariaDb.user(), mariaDb.password(), 2);
        jdbi = SenderJdbi.create(database.dataSource());
        plan = jdbi.inTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15550001"));
            long app = seed.application("app", "key", false, List.of("title"));
            seed.application("iris", "iris-key", false, List.of());
            seed.template("tpl", alice, app, List.of("sms", "email"), "{{ title }}", "body {{ title }}");
            return seed.plan("p", alice, "", List.of(Notification.of(1, "user", alice, "high", "tpl", 0, 60)), 0, 0, 0, 0);
        });
        support = new DropwizardTestSupport<>(IrisSenderApplication.class, ResourceHelpers.resourceFilePath("iris-sender-test.yaml"),
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", mariaDb.user()),
                ConfigOverride.config("database.password", mariaDb.password()));
        support.before();
    }

    @AfterAll
    static void stop()
    {
        if (support != null) {
            support.after();
        }
        database.close();
    }

    @Test
    void deliversANewIncidentToTheDevInboxAndCountsIt()
            throws Exception
    {
        // The rows POST /v0/incidents writes, timed by the database.
        long incident = jdbi.inTransaction(handle -> {
            long id = handle.createUpdate("""
                            INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                            SELECT :plan, NOW(3), NOW(3), '{"title": "disk"}', id, 0, 1 FROM application WHERE name = 'app'""")
                    .bind("plan", plan).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.execute("INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3))", id);
            return id;
        });
        // Latency is measured by the benchmark (bench/README.md); the test asserts behaviour.
        waitUntil(() -> inboxCount("+15550001") == 1, Duration.ofSeconds(20));

        Map<String, Object> row = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT vendor, mode, subject, body FROM dev_inbox WHERE destination = '+15550001'")
                .mapToMap().one());
        assertThat(row).containsEntry("vendor", "dev-inbox").containsEntry("mode", "sms").containsEntry("body", "body disk");
        waitUntil(() -> "sent".equals(status(incident)), Duration.ofSeconds(10));

        String metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + support.getAdminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("iris.sender.queue-depth", "iris.sender.escalation.due-lag-ms",
                "iris.sender.sent.sms.dev-inbox", "iris.sender.trigger-to-first-send-ms");
    }

    @Test
    void deliversOutOfBandNotificationRows()
    {
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, mode_id, subject, body, `status`, next_attempt_at)
                SELECT NOW(3), a.id, t.id, m.id, '[app] hello', 'out of band', 'queued', NOW(3)
                FROM application a, target t, mode m WHERE a.name = 'app' AND t.name = 'alice' AND m.name = 'email'"""));
        waitUntil(() -> inboxCount("alice@example.com") == 1, Duration.ofSeconds(20));
    }

    private static int inboxCount(String destination)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM dev_inbox WHERE destination = :destination")
                .bind("destination", destination).mapTo(Integer.class).one());
    }

    private static String status(long incident)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT `status` FROM message WHERE incident_id = :id")
                .bind("id", incident).mapTo(String.class).one());
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout)
    {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within %s", timeout).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
