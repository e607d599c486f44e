package dev.iris.cli;

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
 * {@code iris schedule export|apply|who} and the schedule gap in {@code plan simulate}, against a
 * real API.
 */
final class ScheduleCommandTest
{
    private static final String SCHEDULE = """
            team: ops
            notice_lead_minutes: 45
            rotations:
              - name: weekly
                role: primary
                time_zone: Europe/Berlin
                start: 2024-01-01T09:00
                shift: 1w
                members: [alice, bob]
              - name: nights
                role: secondary
                time_zone: Europe/Berlin
                start: 2024-01-01T09:00
                shift: 1d
                restriction: after-hours
                members: [carol]
            """;

    private static TestingIrisApi api;
    private static CliRunner cli;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long app = seed.application("ops-app", "ops-key", true, List.of("title"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long carol = seed.user("carol", false, Map.of("email", "carol@example.com"));
            long ops = seed.team("ops", List.of(alice, bob, carol));
            seed.template("page", alice, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("secondary-plan", alice, "the secondary", List.of(Notification.of(1, "oncall-secondary", ops, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        cli = new CliRunner(api.baseUri(), "ops-app", "ops-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void applyShowsTheChangesThenExportGivesTheScheduleBackAndWhoAnswers(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("ops.yaml");
        Files.writeString(file, SCHEDULE);

        CliRunner.Result dryRun = cli.run("schedule", "apply", file.toString(), "--dry-run", "--user=alice");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(0);
        assertThat(dryRun.out()).contains("+ rotation weekly", "+ rotation nights");
        assertThat(cli.run("schedule", "export", "ops").out()).doesNotContain("weekly");

        CliRunner.Result applied = cli.run("schedule", "apply", file.toString(), "--user=alice");
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(0);
        assertThat(applied.out()).contains("Applied 3 change(s)");

        Path exported = directory.resolve("exported.yaml");
        assertThat(cli.run("schedule", "export", "ops", "-o", exported.toString()).exitCode()).isEqualTo(0);
        CliRunner.Result again = cli.run("schedule", "apply", exported.toString(), "--user=alice");
        assertThat(again.out() + again.err()).contains("unchanged");

        // bob leaves: the diff names him, and the change keeps past shifts.
        Files.writeString(file, SCHEDULE.replace("[alice, bob]", "[alice]"));
        CliRunner.Result removed = cli.run("schedule", "apply", file.toString(), "--user=alice");
        assertThat(removed.out()).contains("members [alice, bob] -> [alice]");

        // Wednesday 2027-01-13 12:00 Berlin: alice is primary; the secondary is after hours only.
        CliRunner.Result who = cli.run("schedule", "who", "ops", "--at", "1799838000");
        assertThat(who.exitCode()).as(who.toString()).isEqualTo(0);
        assertThat(who.out()).contains("primary", "alice");
        assertThat(who.out().lines().filter(line -> line.startsWith("secondary")).findFirst().orElseThrow()).contains("NOBODY (gap)", "carol");

        CliRunner.Result simulated = cli.run("plan", "simulate", "secondary-plan", "--at", "1799838000");
        assertThat(simulated.out()).contains("schedule gap: nobody is oncall-secondary of ops");
    }

    @Test
    void someoneOutsideTheTeamCannotApply(@TempDir Path directory)
            throws Exception
    {
        api.seed(seed -> seed.user("mallory", false, Map.of("email", "mallory@example.com")));
        Path file = directory.resolve("ops.yaml");
        Files.writeString(file, SCHEDULE);
        CliRunner.Result result = cli.run("schedule", "apply", file.toString(), "--user=mallory");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("Only members of ops and admins may change its schedule");
    }
}
