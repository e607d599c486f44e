package dev.iris.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code iris schedule export TEAM [-o FILE]}: the team's rotations as YAML, ready for
 * {@code schedule apply}.
 */
@Command(name = "export", description = "Print a team's schedule as YAML.", mixinStandardHelpOptions = true)
public final class ScheduleExportCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "TEAM", description = "Team name")
    String team;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output")
    Path file;

    @Override
    public Integer call()
    {
        Output output = new Output(spec);
        JsonNode document = options.client().get("/v0/schedules/" + ApiClient.segment(team));
        if (options.json()) {
            output.json(document);
            return ExitCodes.OK;
        }
        String yaml = Documents.toYaml(document);
        if (file != null) {
            Documents.writeFile(file, yaml);
            output.note("Wrote the schedule of " + team + " to " + file);
        }
        else {
            output.out().print(yaml);
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
