package dev.iris.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code iris schedule who TEAM [--role ROLE] [--at SECONDS]}: who is on call now (or then) and
 * who is next, per role; a gap says so.
 */
@Command(name = "who", description = "Show who is on call for a team now (or --at) and who is next.", mixinStandardHelpOptions = true)
public final class ScheduleWhoCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "TEAM", description = "Team name")
    String team;

    @Option(names = "--role", description = "primary, secondary, shadow or manager (default: every role)")
    String role;

    @Option(names = "--at", description = "Unix seconds (default: now)")
    Long at;

    @Override
    public Integer call()
    {
        Output output = new Output(spec);
        Map<String, Object> query = new LinkedHashMap<>();
        if (role != null) {
            query.put("role", role);
        }
        if (at != null) {
            query.put("at", at);
        }
        JsonNode answer = options.client().get(ApiClient.withQuery("/v0/schedules/" + ApiClient.segment(team) + "/oncall", query));
        if (options.json()) {
            output.json(answer);
            return ExitCodes.OK;
        }
        Table table = new Table("ROLE", "ON CALL", "UNTIL", "NEXT", "FROM");
        answer.path("roles").fields().forEachRemaining(entry -> {
            JsonNode current = entry.getValue().path("current");
            JsonNode next = entry.getValue().path("next");
            table.row(entry.getKey(), people(current), Output.time(current.path("end")), people(next),
                    next.isMissingNode() || next.isNull() ? "-" : Output.time(next.path("start")));
        });
        table.print(output.out());
        output.out().flush();
        return ExitCodes.OK;
    }

    private static String people(JsonNode segment)
    {
        if (segment == null || segment.isNull() || segment.isMissingNode()) {
            return "-";
        }
        if (segment.path("gap").asBoolean()) {
            return "NOBODY (gap)";
        }
        if (segment.path("users").isEmpty()) {
            return "(not scheduled)";
        }
        StringBuilder names = new StringBuilder();
        segment.path("users").forEach(user -> names.append(names.isEmpty() ? "" : ", ").append(user.asText()));
        return names.toString();
    }
}
