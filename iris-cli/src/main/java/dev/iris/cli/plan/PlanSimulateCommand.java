package dev.iris.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.Durations;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code iris plan simulate NAME [--at TIME] [--application APP]}: who would be paged, how and
 * when, if an incident started now (or at TIME) and nobody claimed it. Nothing is sent.
 */
@Command(name = "simulate", description = "Show who would be paged, by which mode and when; sends nothing.", mixinStandardHelpOptions = true)
public final class PlanSimulateCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", description = "Active plan name")
    String name;

    @Option(names = "--at", paramLabel = "TIME", description = "Incident start: ISO-8601 or unix seconds (default: now)")
    String at;

    @Option(names = "--application", description = "Whose mode settings apply (default: the calling application)")
    String application;

    @Override
    public Integer call()
    {
        Instant start = at == null ? Instant.now() : Durations.parseInstant(at);
        ObjectNode body = Documents.json().createObjectNode().put("start", start.getEpochSecond());
        if (application != null) {
            body.put("application", application);
        }
        JsonNode simulation = options.readOnlyClient().post("/v0/plans/" + ApiClient.segment(name) + "/simulate", body);
        Output output = new Output(spec);
        if (options.json()) {
            output.json(simulation);
            return ExitCodes.OK;
        }
        output.line("Plan " + simulation.path("plan").asText() + " (version " + simulation.path("plan_id").asLong() + ") for application "
                + simulation.path("application").asText() + ", incident at " + Output.time(simulation.get("start")) + ":");
        Table table = new Table("AT", "+", "STEP", "ROUND", "ROLE", "TARGET", "USER", "PRIORITY", "MODE", "DESTINATION", "NOTE");
        for (JsonNode page : simulation.path("pages")) {
            table.row(Output.time(page.get("at")), offset(page.path("offset_seconds").asLong()), page.path("step").asInt(),
                    page.path("round").asInt() + 1, page.path("role").asText(""), page.path("target").asText(""),
                    page.path("user").asText(""), page.path("priority").asText(""), page.path("mode").asText(""),
                    page.path("destination").asText(""), page.path("note").asText(""));
        }
        table.print(output.out());
        for (JsonNode note : simulation.path("notes")) {
            output.line("Note: " + note.asText());
        }
        return ExitCodes.OK;
    }

    private static String offset(long seconds)
    {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds / 60 + "m" + seconds % 60 + "s";
    }
}
