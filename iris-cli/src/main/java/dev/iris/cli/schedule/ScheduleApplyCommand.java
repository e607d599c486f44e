package dev.iris.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iris schedule apply FILE [--dry-run]}: shows the YAML diff against the team's schedule and
 * the changes the API will make (a rotation whose shape changes ends now and starts again, so
 * past shifts keep their people), then applies them.
 */
@Command(name = "apply", description = "Make a team's schedule that of a YAML file, showing the diff first.", mixinStandardHelpOptions = true)
public final class ScheduleApplyCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "FILE", description = "Schedule YAML (as written by schedule export)")
    Path file;

    @Option(names = "--dry-run", description = "Only show the diff")
    boolean dryRun;

    @Override
    public Integer call()
    {
        Output output = new Output(spec);
        JsonNode proposed = Documents.readYaml(file);
        if (!proposed.hasNonNull("team") || !proposed.get("team").isTextual()) {
            throw new UsageException(file + " names no team (team: <name>)");
        }
        String team = proposed.get("team").asText();
        ApiClient client = options.client();
        String path = "/v0/schedules/" + ApiClient.segment(team);
        String current = Documents.toYaml(client.get(path));
        List<String> diff = Documents.diff(team, current, Documents.toYaml(proposed));
        JsonNode planned = client.put(path + "?dry_run=1", proposed);
        if (planned.path("changes").isEmpty()) {
            output.note("The schedule of " + team + " is unchanged; nothing to apply.");
            if (options.json()) {
                output.json(planned);
            }
            return ExitCodes.OK;
        }
        if (!options.json()) {
            output.line("Changes to the schedule of " + team + ":");
            diff.forEach(output::line);
            planned.path("changes").forEach(change -> output.line(change.asText()));
        }
        if (dryRun) {
            output.note("Dry run: nothing applied.");
            if (options.json()) {
                output.json(planned);
            }
            return ExitCodes.OK;
        }
        JsonNode applied = client.put(path, proposed);
        if (options.json()) {
            output.json(applied);
        }
        else {
            output.line("Applied " + applied.path("changes").size() + " change(s) to the schedule of " + team);
        }
        return ExitCodes.OK;
    }
}
