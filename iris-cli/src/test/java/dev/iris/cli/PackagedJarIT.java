package dev.iris.cli;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.PackagedJar;
import dev.iris.testing.PackagedJarContract;
import dev.iris.testing.db.EmbeddedMariaDb;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-cli jar, as {@code ./iris} runs it: small, no server or database library in
 * it, and its verbs work against a real API. Runs in the integration-test phase (failsafe),
 * after the jar is built.
 */
final class PackagedJarIT
        extends PackagedJarContract
{
    /** README, "Processes". */
    @Override
    protected double maxMegabytes()
    {
        return 10;
    }

    @Override
    protected String process()
    {
        return null;
    }

    @Override
    protected List<String> forbiddenPrefixes()
    {
        return List.of(
                "com/mysql/",
                "org/jdbi/",
                "com/zaxxer/",
                "org/flywaydb/",
                "io/dropwizard/",
                "org/eclipse/jetty/",
                "org/glassfish/",
                "dev/iris/core/",
                "dev/iris/db/",
                "dev/iris/server/");
    }

    @Test
    void unreachableApiExits3()
    {
        int closedPort = EmbeddedMariaDb.freePort();

        PackagedJar.Run run = jar.run(Duration.ofMinutes(1), directory, Map.of(),
                "incidents", "--url", "http://127.0.0.1:" + closedPort, "--app", "ops", "--key", "ops-key");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.output()).contains("Cannot reach the Iris API at http://127.0.0.1:" + closedPort + ": connection refused");
    }

    @Test
    void triggersAndListsAgainstARealApi()
    {
        try (TestingIrisApi api = TestingIrisApi.start()) {
            api.seed(seed -> {
                long app = seed.application("ops", "ops-key", true, List.of("title"));
                long alice = seed.user("alice", true, Map.of("email", "alice@example.com"));
                seed.owner(app, alice);
                seed.template("page", alice, app, List.of("email"), "{{title}}", "{{title}}");
                seed.plan("ops-plan", alice, "", List.of(Notification.of(1, "user", alice, "high", "page", 1, 300)), 0, 0, 0, 0);
            });
            Map<String, String> environment = Map.of("IRIS_URL", api.baseUri().toString(), "IRIS_APP", "ops", "IRIS_KEY", "ops-key");

            PackagedJar.Run triggered = jar.run(Duration.ofMinutes(1), directory, environment, "trigger", "ops-plan", "title=Disk full", "--json");
            PackagedJar.Run listed = jar.run(Duration.ofMinutes(1), directory, environment, "incidents", "--active", "--plan", "ops-plan");

            assertThat(triggered.exitCode()).as(triggered.output()).isZero();
            assertThat(triggered.output()).contains("\"incident_id\"");
            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output()).contains("ops-plan");
        }
    }
}
