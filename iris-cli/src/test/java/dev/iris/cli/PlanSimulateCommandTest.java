package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code iris plan simulate} against a real API and a known roster.
 */
final class PlanSimulateCommandTest
{
    private static final long START = 1_800_000_000L;

    private static TestingIrisApi api;
    private static CliRunner cli;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long app = seed.application("monitor", "monitor-key", false, List.of("title"));
            long alice = seed.user("alice", false, Map.of("sms", "+15550001", "email", "alice@example.com", "call", "+15550001"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long carol = seed.user("carol", false, Map.of("call", "+15550003", "email", "carol@example.com"));
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            long ops = seed.team("ops", List.of(alice, bob));
            seed.team("empty-team", List.of());
            seed.template("page", owner, app, List.of("email", "sms", "call"), "{{title}}", "{{title}}");
            seed.plan("ops-plan", owner, "ops escalation", List.of(
                    Notification.of(1, "team", ops, "high", "page", 1, 300),
                    Notification.of(2, "manager", ops, "urgent", "page", 0, 600)), 0, 0, 0, 0);
            seed.plan("nobody-plan", owner, "reaches nobody", List.of(
                    Notification.of(1, "team", seed.target("empty-team", "team"), "medium", "page", 0, 60)), 0, 0, 0, 0);
            api.jdbi().useHandle(handle -> {
                handle.execute("UPDATE team SET manager_id = ? WHERE target_id = ?", carol, ops);
                // alice prefers calls for high priority pages from this application.
                handle.execute("INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id) VALUES (?, ?, 2, 1)", alice, app);
            });
        });
        cli = new CliRunner(api.baseUri(), "monitor", "monitor-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void printsWhoIsPagedByWhichModeAndWhen()
    {
        CliRunner.Result result = cli.run("plan", "simulate", "ops-plan", "--at", "2027-01-15T08:00:00Z");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Plan ops-plan (version ").contains("for application monitor, incident at 2027-01-15 08:00:00Z");
        assertThat(lines.get(1)).startsWith("AT").contains("USER", "MODE", "DESTINATION");
        // Step 1: both team members, two rounds 5 minutes apart; step 2 (the manager) 10 minutes in.
        assertThat(lines.subList(2, 7)).satisfiesExactly(
                line -> assertThat(line).contains("2027-01-15 08:00:00Z", "alice", "high", "call", "+15550001"),
                line -> assertThat(line).contains("2027-01-15 08:00:00Z", "bob", "high", "email", "bob@example.com", "no usable sms contact"),
                line -> assertThat(line).contains("2027-01-15 08:05:00Z", "alice", "call"),
                line -> assertThat(line).contains("2027-01-15 08:05:00Z", "bob", "email"),
                line -> assertThat(line).contains("2027-01-15 08:10:00Z", "manager", "carol", "urgent", "call", "+15550003"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Note: After step 2 the plan ends at +")
                .contains("the incident becomes unacknowledged"));
    }

    @Test
    void jsonOutputCarriesTimesStepsRoundsAndModeSources()
            throws Exception
    {
        CliRunner.Result result = cli.run("plan", "simulate", "ops-plan", "--at", String.valueOf(START), "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        JsonNode simulation = new ObjectMapper().readTree(result.out());
        assertThat(simulation.get("start").asLong()).isEqualTo(START);
        JsonNode pages = simulation.get("pages");
        assertThat(pages).hasSize(5);
        assertThat(pages.get(0).get("user").asText()).isEqualTo("alice");
        assertThat(pages.get(0).get("mode_source").asText()).isEqualTo("user setting for this application");
        assertThat(pages.get(1).get("mode_source").asText()).isEqualTo("fallback");
        assertThat(pages.get(3).get("round").asInt()).isEqualTo(1);
        assertThat(pages.get(3).get("at").asLong()).isEqualTo(START + 300);
        assertThat(pages.get(4).get("step").asInt()).isEqualTo(2);
        assertThat(pages.get(4).get("mode_source").asText()).isEqualTo("priority default");
        assertThat(pages.get(4).get("at").asLong()).isEqualTo(START + 600);
    }

    @Test
    void requiredNotificationThatReachesNobodyPagesThePlanCreator()
            throws Exception
    {
        CliRunner.Result result = cli.run("plan", "simulate", "nobody-plan", "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        JsonNode pages = new ObjectMapper().readTree(result.out()).get("pages");
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).get("user").asText()).isEqualTo("owner");
        assertThat(pages.get(0).get("priority").asText()).isEqualTo("low");
        assertThat(pages.get(0).get("note").asText()).contains("plan creator is paged instead");
    }

    @Test
    void unknownPlanIsRefusedWithTheApiMessageAndExitCode1()
    {
        CliRunner.Result result = cli.run("plan", "simulate", "no-such-plan");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("404", "Plan not found", "No active plan named no-such-plan");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void wrongKeyIsRefused()
    {
        CliRunner.Result result = new CliRunner(api.baseUri(), "monitor", "wrong-key").run("plan", "simulate", "ops-plan");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("401", "HMAC failed validation").doesNotContain("wrong-key");
    }

    @Test
    void badTimeIsAUsageError()
    {
        CliRunner.Result result = cli.run("plan", "simulate", "ops-plan", "--at", "yesterday");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Invalid time 'yesterday'");
    }
}
