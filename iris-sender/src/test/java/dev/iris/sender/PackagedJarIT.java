package dev.iris.sender;

import dev.iris.db.Database;
import dev.iris.testing.PackagedJarContract;
import dev.iris.testing.PackagedProcess;
import dev.iris.testing.config.ExampleConfigs;
import dev.iris.testing.db.EmbeddedMariaDb;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.fakes.FakeSlackServer;
import dev.iris.testing.fakes.FakeTwilioServer;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-sender jar, as production runs it: every class Iris's code refers to is in it,
 * nothing of development or tests is, it stays within its size, it checks the production config,
 * and with that config it pages through the real Twilio and Slack vendors (against fake Twilio
 * and Slack servers). Runs in the integration-test phase (failsafe), after the jar is built.
 */
final class PackagedJarIT
        extends PackagedJarContract
{
    private static final String TWILIO_ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String TWILIO_TOKEN = "twilio-token-for-the-packaged-sender";
    private static final String SLACK_TOKEN = "xoxb-packaged-sender";
    private static final String ALICE_PHONE = "+14155550123";

    /** README, "Processes". */
    @Override
    protected double maxMegabytes()
    {
        return 40;
    }

    @Override
    protected String process()
    {
        return "iris-sender";
    }

    @Override
    protected List<String> forbiddenPrefixes()
    {
        return List.of("com/google/protobuf/");
    }

    @Test
    void pagesThroughTheRealVendorsWithTheProductionConfig()
    {
        TestingMariaDb mariaDb = TestingMariaDb.get();
        String databaseUrl = mariaDb.newDatabaseUrl();
        int adminPort = EmbeddedMariaDb.freePort();
        try (FakeTwilioServer twilio = FakeTwilioServer.start(TWILIO_ACCOUNT, TWILIO_TOKEN);
                FakeSlackServer slack = FakeSlackServer.start(SLACK_TOKEN);
                Database database = Database.connect(databaseUrl, mariaDb.user(), mariaDb.password(), 2)) {
            Jdbi jdbi = database.jdbi();
            long plan = jdbi.inTransaction(handle -> {
                SeedWriter seed = new SeedWriter(handle);
                long alice = seed.user("alice", false, Map.of("sms", ALICE_PHONE, "slack", "alice"));
                long app = seed.application("app", "key", false, List.of("title"));
                seed.application("iris", "iris-key", false, List.of());
                seed.template("tpl", alice, app, List.of("sms", "slack"), "{{ title }}", "packaged {{ title }}");
                handle.execute("""
                        INSERT INTO target_mode (target_id, priority_id, mode_id)
                        SELECT t.id, p.id, m.id FROM target t, priority p, mode m
                        WHERE t.name = 'alice' AND p.name = 'low' AND m.name = 'slack'""");
                return seed.plan("p", alice, "", List.of(
                        Notification.of(1, "user", alice, "high", "tpl", 0, 60),
                        Notification.of(1, "user", alice, "low", "tpl", 0, 60)), 0, 0, 0, 0);
            });
            String vendors = ("[{type: twilio, name: twilio, config: {account_sid: %s, auth_token: %s, twilio_number: \"+15005550006\", "
                    + "relay_base_url: \"http://127.0.0.1:9\", api_base_url: \"%s\"}}, "
                    + "{type: slack, name: slack, config: {auth_token: %s, base_url: \"%s\", iris_incident_url: \"http://127.0.0.1/incidents\"}}]")
                    .formatted(TWILIO_ACCOUNT, TWILIO_TOKEN, twilio.baseUrl(), SLACK_TOKEN, slack.apiBaseUrl());
            Map<String, String> environment = Map.of(
                    "IRIS_DB_URL", databaseUrl,
                    "IRIS_DB_USER", mariaDb.user(),
                    "IRIS_DB_PASSWORD", mariaDb.password(),
                    "IRIS_SENDER_ADMIN_PORT", Integer.toString(adminPort),
                    "IRIS_VENDORS", vendors);
            try (PackagedProcess sender = jar.start(directory.resolve("iris-sender.log"), environment, "server", ExampleConfigs.production("iris-sender").toString())) {
                sender.awaitOk(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"), Duration.ofMinutes(2));

                // The rows POST /v0/incidents writes.
                jdbi.useTransaction(handle -> {
                    long incident = handle.createUpdate("""
                                    INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                                    SELECT :plan, NOW(3), NOW(3), '{"title": "disk"}', id, 0, 1 FROM application WHERE name = 'app'""")
                            .bind("plan", plan).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                    handle.execute("INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3))", incident);
                });

                awaitTrue(() -> !twilio.messages().isEmpty() && !slack.messages().isEmpty(), Duration.ofMinutes(1), sender);
                assertThat(twilio.messages().get(0).to()).isEqualTo(ALICE_PHONE);
                assertThat(twilio.messages().get(0).body()).contains("packaged disk");
                assertThat(slack.messages().get(0).channel()).contains("alice");
            }
        }
        finally {
            mariaDb.dropDatabase(databaseUrl);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, PackagedProcess process)
    {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the pages did not arrive within " + timeout + ":\n" + process.log());
            }
            // The fakes record what they receive; nothing notifies the test: poll, bounded.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
