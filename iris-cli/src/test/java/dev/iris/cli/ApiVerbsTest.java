package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident, plan, template and application verbs against a real API.
 */
final class ApiVerbsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestingIrisApi api;
    private static CliRunner cli;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long app = seed.application("ops", "ops-key", true, List.of("title", "host"));
            long alice = seed.user("alice", true, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of("email", "bob@example.com"));
            // What configs/examples/countdown-plan.yaml names.
            seed.team("service-team", List.of(alice));
            seed.template("service-alert", alice, app, List.of("email", "mattermost"), "{{title}}", "{{title}} on {{host}}");
            seed.owner(app, alice);
            seed.template("page", alice, app, List.of("email", "sms", "call"), "{{title}}", "{{title}} on {{host}}");
            seed.plan("ops-plan", alice, "ops escalation", List.of(Notification.of(1, "user", alice, "high", "page", 1, 300)), 0, 0, 0, 0);
            // What ./iris dev seeds: read-only verbs use it when no application is given.
            seed.application("demo", "demo-secret-key", false, List.of("title"));
        });
        cli = new CliRunner(api.baseUri(), "ops", "ops-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void triggerListClaimAndResolve()
            throws Exception
    {
        CliRunner.Result triggered = cli.run("trigger", "ops-plan", "title=Disk full", "host=db-1", "--json");
        assertThat(triggered.exitCode()).as(triggered.toString()).isEqualTo(0);
        long id = JSON.readTree(triggered.out()).get("incident_id").asLong();
        assertThat(context(id)).contains("\"title\":\"Disk full\"", "\"host\":\"db-1\"");

        CliRunner.Result listed = cli.run("incidents", "--active", "--plan", "ops-plan");
        assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(0);
        assertThat(listed.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("PLAN", "STATE");
        assertThat(listed.out()).containsPattern("(?m)^" + id + " .*active.*ops-plan");

        CliRunner.Result claimed = cli.run("claim", String.valueOf(id), "--user", "alice");
        assertThat(claimed.exitCode()).as(claimed.toString()).isEqualTo(0);
        assertThat(claimed.out()).containsPattern("(?m)^" + id + " +alice +no");
        int active = api.jdbi().withHandle(handle -> handle.createQuery("SELECT active FROM incident WHERE id = :id").bind("id", id).mapTo(Integer.class).one());
        assertThat(active).isZero();

        CliRunner.Result resolved = cli.run("resolve", String.valueOf(id), "--user", "alice");
        assertThat(resolved.exitCode()).as(resolved.toString()).isEqualTo(0);
        assertThat(resolved.out()).contains("Incident " + id + " resolved");

        CliRunner.Result mine = cli.run("incidents", "--owner", "alice", "--json");
        assertThat(mine.exitCode()).as(mine.toString()).isEqualTo(0);
        assertThat(JSON.readTree(mine.out()).findValues("id")).extracting(JsonNode::asLong).contains(id);
    }

    @Test
    void resolveStopsPagingLikeEveryOtherResolve()
            throws Exception
    {
        long id = JSON.readTree(cli.run("trigger", "ops-plan", "title=Paging", "--json").out()).get("incident_id").asLong();
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at)
                SELECT NOW(3), i.application_id, t.id, i.id, 'queued', 1, NOW(3) FROM incident i, target t WHERE i.id = ? AND t.name = 'alice'""", id));

        CliRunner.Result resolved = cli.run("resolve", String.valueOf(id), "--user", "alice");

        assertThat(resolved.exitCode()).as(resolved.toString()).isEqualTo(0);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` = 'queued'", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND active = 0 AND resolved = 1", id)).isEqualTo(1);
        assertThat(cli.run("incidents", "--plan", "ops-plan").out()).containsPattern("(?m)^" + id + " .*resolved");
    }

    @Test
    void unacknowledgedIncidentsHaveTheirOwnFilterAndWord()
            throws Exception
    {
        long id = JSON.readTree(cli.run("trigger", "ops-plan", "title=Nobody came", "--json").out()).get("incident_id").asLong();
        // What the sender does when the plan runs out.
        api.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET active = 0 WHERE id = ?", id));

        CliRunner.Result listed = cli.run("incidents", "--unacknowledged");

        assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(0);
        assertThat(listed.out()).containsPattern("(?m)^" + id + " .*unacknowledged");
        assertThat(cli.run("incidents", "--active").out()).doesNotContainPattern("(?m)^" + id + " ");
    }

    private static long count(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> handle.select(sql, arguments).mapTo(Long.class).one());
    }

    @Test
    void maintenanceVerbsOpenListAndEndAWindow()
            throws Exception
    {
        CliRunner.Result started = cli.run("maintenance", "start", "--application", "ops", "--for", "2h", "--reason", "kernel upgrade", "--user", "alice");
        assertThat(started.exitCode()).as(started.toString()).isEqualTo(0);
        assertThat(started.out()).startsWith("Opened maintenance window ").contains("for application ops", "(in effect)");
        long window = Long.parseLong(started.out().split(" ")[3]);

        long id = JSON.readTree(cli.run("trigger", "ops-plan", "title=During maintenance", "--json").out()).get("incident_id").asLong();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by = ?", id, window)).isEqualTo(1);
        assertThat(cli.run("incidents", "--plan", "ops-plan").out()).containsPattern("(?m)^" + id + " .*silenced");

        CliRunner.Result listed = cli.run("maintenance", "list");
        assertThat(listed.out()).containsPattern("(?m)^" + window + " +application ops +in effect .*alice +kernel upgrade");

        CliRunner.Result ended = cli.run("maintenance", "end", String.valueOf(window), "--user", "alice");
        assertThat(ended.exitCode()).as(ended.toString()).isEqualTo(0);
        assertThat(ended.out()).contains("resume escalation");
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isEqualTo(1);
        assertThat(cli.run("maintenance", "end", String.valueOf(window)).exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(cli.run("maintenance", "start", "--plan", "ops-plan", "--for", "soon", "--reason", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void consoleDetailsTitlesDefaultsJsonErrorsAndMissingPlans()
            throws Exception
    {
        long id = JSON.readTree(cli.run("trigger", "ops-plan", "title=Disk full on db-7", "--json").out()).get("incident_id").asLong();
        CliRunner.Result listed = cli.run("incidents");
        assertThat(listed.out().lines().findFirst().orElseThrow()).contains("STATE", "TITLE");
        assertThat(listed.out()).containsPattern("(?m)^" + id + " .* active +Disk full on db-7 +ops +ops-plan");

        // Read-only verbs work against ./iris dev without credentials; writes still need them.
        CliRunner noCredentials = new CliRunner(api.baseUri(), null, null);
        assertThat(noCredentials.run("incidents").exitCode()).isEqualTo(0);
        assertThat(noCredentials.run("trigger", "ops-plan", "title=x").exitCode()).isEqualTo(ExitCodes.USAGE);

        // Under --json, a refusal is JSON too.
        CliRunner.Result refused = cli.run("claim", "987654321", "--user", "alice", "--json");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
        JsonNode error = JSON.readTree(refused.err()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("refused");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("title").asText()).isEqualTo("Invalid claim: no matching incident id");

        CliRunner.Result missing = cli.run("plan", "export", "no-such-plan");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(missing.err()).contains("No plan named no-such-plan");

        // claim and resolve take the same options.
        CliRunner.Result resolved = cli.run("resolve", String.valueOf(id), "--owner", "alice");
        assertThat(resolved.exitCode()).as(resolved.toString()).isEqualTo(0);
        assertThat(resolved.out()).containsPattern("(?m)^" + id + " +alice +yes");
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'resolved' AND actor = 'alice'", id)).isEqualTo(1);
    }

    @Test
    void triggerWithJsonContextAndTypedValues()
            throws Exception
    {
        CliRunner.Result triggered = cli.run("trigger", "ops-plan", "--context", "{\"title\": \"CPU\"}", "host:=42", "--json");

        assertThat(triggered.exitCode()).as(triggered.toString()).isEqualTo(0);
        long id = JSON.readTree(triggered.out()).get("incident_id").asLong();
        assertThat(context(id)).contains("\"title\":\"CPU\"", "\"host\":42");
    }

    @Test
    void triggerWithADedupKeyTwiceIsOneIncident()
            throws Exception
    {
        CliRunner.Result first = cli.run("trigger", "ops-plan", "title=Disk", "--dedup-key", "disk-db-1", "--json");
        CliRunner.Result second = cli.run("trigger", "ops-plan", "title=Disk", "--dedup-key", "disk-db-1", "--json");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(0);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(0);
        assertThat(JSON.readTree(second.out()).get("incident_id").asLong()).isEqualTo(JSON.readTree(first.out()).get("incident_id").asLong());
    }

    @Test
    void refusalsExit1WithTheApiMessage()
    {
        CliRunner.Result unknownPlan = cli.run("trigger", "no-such-plan", "title=x");
        assertThat(unknownPlan.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unknownPlan.err()).contains("Error: the API refused (404)");

        CliRunner.Result badClaim = cli.run("claim", "987654321", "--user", "alice");
        assertThat(badClaim.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badClaim.err()).contains("Invalid claim");
    }

    @Test
    void claimingSeveralShowsProgressAndReportsPartialFailure()
            throws Exception
    {
        long first = JSON.readTree(cli.run("trigger", "ops-plan", "title=a", "--json").out()).get("incident_id").asLong();
        long second = JSON.readTree(cli.run("trigger", "ops-plan", "title=b", "--json").out()).get("incident_id").asLong();

        CliRunner.Result claimed = cli.run("claim", String.valueOf(first), "987654321", String.valueOf(second), "--user", "alice");

        assertThat(claimed.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(claimed.err()).contains("[1/3] claimed " + first, "[2/3] incident 987654321 refused", "[3/3] claimed " + second,
                "1 of 3 incidents were refused");
        assertThat(claimed.out()).contains(String.valueOf(first), String.valueOf(second));
    }

    @Test
    void resolvingSeveralShowsProgressAndReportsPartialFailure()
            throws Exception
    {
        long first = JSON.readTree(cli.run("trigger", "ops-plan", "title=c", "--json").out()).get("incident_id").asLong();
        long second = JSON.readTree(cli.run("trigger", "ops-plan", "title=d", "--json").out()).get("incident_id").asLong();

        CliRunner.Result resolved = cli.run("resolve", String.valueOf(first), "987654321", String.valueOf(second), "--user", "alice");

        assertThat(resolved.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(resolved.err()).contains("[1/3] incident " + first, "[2/3] incident 987654321 refused", "[3/3] incident " + second,
                "1 of 3 incidents were refused");
        assertThat(resolved.out()).contains("Incident " + first + " resolved", "Incident " + second + " resolved");
    }

    @Test
    void planExportEditDiffAndApply(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("plan.yaml");
        CliRunner.Result exported = cli.run("plan", "export", "ops-plan", "-o", file.toString());
        assertThat(exported.exitCode()).as(exported.toString()).isEqualTo(0);
        String yaml = Files.readString(file);
        assertThat(yaml).contains("name: ops-plan", "description: ops escalation", "target: alice", "wait: 5m");

        CliRunner.Result unchanged = cli.run("plan", "apply", file.toString(), "--user", "alice");
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isEqualTo(0);
        assertThat(unchanged.err()).contains("Plan ops-plan is unchanged");

        Files.writeString(file, yaml.replace("wait: 5m", "wait: 10m"));
        CliRunner.Result dryRun = cli.run("plan", "apply", file.toString(), "--dry-run", "--user", "alice");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(0);
        assertThat(dryRun.out()).contains("Changes to plan ops-plan:", "--- ops-plan (active)", "+++ ops-plan (proposed)")
                .containsPattern("(?m)^- +wait: 5m$")
                .containsPattern("(?m)^\\+ +wait: 10m$");
        assertThat(cli.run("plan", "export", "ops-plan").out()).contains("wait: 5m");

        CliRunner.Result applied = cli.run("plan", "apply", file.toString(), "--user", "alice");
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(0);
        assertThat(applied.out()).containsPattern("Created plan ops-plan version \\d+ \\(now active\\)");
        assertThat(cli.run("plan", "export", "ops-plan").out()).contains("wait: 10m");
        assertThat(waitOfActive("ops-plan")).as("the API still gets seconds").isEqualTo(600);
    }

    @Test
    void theCountdownExampleAppliesAndRoundTrips(@TempDir Path directory)
            throws Exception
    {
        Path example = Path.of("../configs/examples/countdown-plan.yaml");
        assertThat(Files.readString(example)).contains("countdown: true");

        CliRunner.Result applied = cli.run("plan", "apply", example.toString(), "--user", "alice");
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(0);

        Path exported = directory.resolve("exported.yaml");
        assertThat(cli.run("plan", "export", "service-countdown", "-o", exported.toString()).exitCode()).isEqualTo(0);
        assertThat(Files.readString(exported)).containsOnlyOnce("countdown: 1");
        CliRunner.Result again = cli.run("plan", "apply", example.toString(), "--user", "alice");
        assertThat(again.err()).as("true and 1 are the same countdown, and omitted fields the defaults: " + again)
                .contains("Plan service-countdown is unchanged");
    }

    @Test
    void invalidPlanIsRefusedWithTheApiValidationMessage(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad-plan
                description: reaches nobody
                threshold_window: 900
                threshold_count: 10
                aggregation_window: 300
                aggregation_reset: 300
                steps:
                  - - role: user
                      target: nobody-at-all
                      priority: high
                      template: page
                      repeat: 0
                      wait: 60
                """);

        CliRunner.Result refused = cli.run("plan", "apply", file.toString(), "--user", "alice");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out()).contains("New plan bad-plan:", "+name: bad-plan");
        assertThat(refused.err()).contains("Error: the API refused (400)", "nobody-at-all");

        // A dry run asks the server, so it refuses what apply would refuse.
        CliRunner.Result dryRun = cli.run("plan", "apply", file.toString(), "--dry-run", "--user", "alice");
        assertThat(dryRun.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(dryRun.err()).contains("nobody-at-all");
    }

    @Test
    void planFilesTakeDurationsAndDryRunsAskTheServer(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("durations.yaml");
        Files.writeString(file, """
                name: duration-plan
                description: minutes as people write them
                steps:
                  - - role: user
                      target: alice
                      priority: high
                      template: page
                      repeat: 1
                      wait: 5m
                """);

        CliRunner.Result dryRun = cli.run("plan", "apply", file.toString(), "--dry-run", "--user", "alice");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(0);
        assertThat(dryRun.out()).contains("wait: 5m");
        assertThat(dryRun.err()).contains("Dry run: the server accepts this plan; nothing applied.");
        assertThat(cli.run("plan", "export", "duration-plan").exitCode()).isEqualTo(ExitCodes.REFUSED);

        CliRunner.Result applied = cli.run("plan", "apply", file.toString(), "--user", "alice");
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(0);
        assertThat(cli.run("plan", "export", "duration-plan").out()).contains("wait: 5m");
        assertThat(waitOfActive("duration-plan")).isEqualTo(300);

        Files.writeString(file, Files.readString(file).replace("wait: 5m", "wait: five minutes"));
        CliRunner.Result bad = cli.run("plan", "apply", file.toString(), "--dry-run", "--user", "alice");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("Step 1, notification 1: wait 'five minutes' is not a duration");
    }

    @Test
    void malformedPlanFileIsAUsageError(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("broken.yaml");
        Files.writeString(file, "name: x\nsteps: [[{role: user\n");

        CliRunner.Result result = cli.run("plan", "apply", file.toString(), "--user", "alice");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Invalid YAML in " + file);
    }

    @Test
    void templateExportAndApply(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("page.yaml");
        CliRunner.Result exported = cli.run("template", "export", "page", "-o", file.toString());
        assertThat(exported.exitCode()).as(exported.toString()).isEqualTo(0);
        String yaml = Files.readString(file);
        assertThat(yaml).contains("name: page", "ops:", "email:", "body: \"{{title}} on {{host}}\"");

        CliRunner.Result unchanged = cli.run("template", "apply", file.toString(), "--user", "alice", "--json");
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isEqualTo(0);
        assertThat(unchanged.err()).contains("Template page is unchanged (active version ");
        JsonNode unchangedResult = JSON.readTree(unchanged.out());
        assertThat(unchangedResult.get("changed").asBoolean()).isFalse();
        long activeVersion = unchangedResult.get("id").asLong();

        Files.writeString(file, yaml.replace("{{title}} on {{host}}", "{{title}} at {{host}}"));
        CliRunner.Result applied = cli.run("template", "apply", file.toString(), "--user", "alice");
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(0);
        assertThat(applied.out()).contains("Changes to template page:").containsPattern("Created template page version \\d+");
        assertThat(cli.run("template", "export", "page").out()).contains("{{title}} at {{host}}");

        Files.writeString(file, yaml);
        JsonNode reverted = JSON.readTree(cli.run("template", "apply", file.toString(), "--user", "alice", "--json").out());
        assertThat(reverted.get("changed").asBoolean()).isTrue();
        assertThat(reverted.get("id").asLong()).isGreaterThan(activeVersion);
    }

    @Test
    void appCreateAndKeyRotation()
    {
        CliRunner.Result created = cli.run("app", "create", "new-app", "--user", "alice");
        assertThat(created.exitCode()).as(created.toString()).isEqualTo(0);
        String key = created.out().strip();
        assertThat(key).matches("[0-9a-f]{64}");

        CliRunner.Result secondary = cli.run("app", "secondary", "new-app", "--user", "alice");
        assertThat(secondary.exitCode()).as(secondary.toString()).isEqualTo(0);
        String next = secondary.out().strip();
        assertThat(next).isNotEqualTo(key).isNotEmpty();

        CliRunner.Result rekeyed = cli.run("app", "rekey", "new-app", "--user", "alice");
        assertThat(rekeyed.exitCode()).as(rekeyed.toString()).isEqualTo(0);
        assertThat(rekeyed.out().strip()).isEqualTo(next);

        CliRunner.Result notAdmin = cli.run("app", "create", "other-app", "--user", "bob");
        assertThat(notAdmin.exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void appCreateWithVariablesKeepsThemInItsIncidents()
    {
        CliRunner.Result created = cli.run("app", "create", "svc-app", "--variables", "title,host", "--user", "alice");
        assertThat(created.exitCode()).as(created.toString()).isEqualTo(0);
        String variables = api.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT GROUP_CONCAT(v.name ORDER BY v.name) FROM template_variable v JOIN application a ON a.id = v.application_id WHERE a.name = 'svc-app'")
                .mapTo(String.class).one());
        assertThat(variables).isEqualTo("host,title");
    }

    private static String context(long id)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("SELECT context FROM incident WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    private static long waitOfActive(String plan)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT pn.`wait` FROM plan_notification pn JOIN plan_active pa ON pa.plan_id = pn.plan_id
                        WHERE pa.name = :plan ORDER BY pn.id LIMIT 1""")
                .bind("plan", plan).mapTo(Long.class).one());
    }
}
