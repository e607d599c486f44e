package dev.iris.cli.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.Durations;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code iris maintenance list|start|end}: maintenance windows, through {@code /v0/maintenance}.
 */
@Command(name = "maintenance", description = "List, start and end maintenance windows (incidents inside page nobody).",
        mixinStandardHelpOptions = true,
        subcommands = {MaintenanceCommand.ListWindows.class, MaintenanceCommand.Start.class, MaintenanceCommand.End.class, HelpCommand.class})
public final class MaintenanceCommand
        implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: list, start or end");
    }

    static Table table(JsonNode windows)
    {
        Table table = new Table("ID", "FOR", "STATUS", "FROM", "UNTIL", "BY", "REASON");
        for (JsonNode window : windows) {
            String scope = window.hasNonNull("application") ? "application " + window.get("application").asText() : "plan " + window.path("plan").asText();
            table.row(window.path("id").asLong(), scope, window.path("status").asText(), Output.time(window.get("start")), Output.time(window.get("end")),
                    window.path("creator").asText(), window.path("reason").asText());
        }
        return table;
    }

    /**
     * {@code iris maintenance list [--all]}.
     */
    @Command(name = "list", description = "Windows in effect or ahead (--all: also ended ones).", mixinStandardHelpOptions = true)
    static final class ListWindows
            implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Option(names = "--all", description = "Include ended windows")
        boolean all;

        @Override
        public Integer call()
        {
            JsonNode windows = options.readOnlyClient().get(all ? "/v0/maintenance?all=1" : "/v0/maintenance");
            Output output = new Output(spec);
            if (options.json()) {
                output.json(windows);
                return ExitCodes.OK;
            }
            Table table = table(windows);
            table.print(output.out());
            if (table.size() == 0) {
                output.note("No maintenance windows.");
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code iris maintenance start (--application A | --plan P) --for 2h --reason TEXT [--at TIME] [--stop-paging] [--no-resume]}.
     */
    @Command(name = "start", description = "Open a window now or ahead.", mixinStandardHelpOptions = true)
    static final class Start
            implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions options;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        static final class Scope
        {
            @Option(names = "--application", description = "Silence this application's incidents")
            String application;

            @Option(names = "--plan", description = "Silence incidents on this plan (every version)")
            String plan;
        }

        @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long, e.g. 30m, 2h, 1d")
        String length;

        @Option(names = "--at", paramLabel = "TIME", description = "Start later: unix seconds or ISO-8601 (2027-01-15T08:00:00Z); default now")
        String at;

        @Option(names = "--reason", required = true, description = "Why (shown on every silenced incident)")
        String reason;

        @Option(names = "--stop-paging", description = "Also stop incidents that are paging when it starts")
        boolean stopPaging;

        @Option(names = "--no-resume", description = "At the end, leave silenced incidents unacknowledged instead of paging")
        boolean noResume;

        @Override
        public Integer call()
        {
            ObjectNode body = Documents.json().createObjectNode();
            body.put("application", scope.application);
            body.put("plan", scope.plan);
            if (at != null) {
                body.put("start", Durations.parseInstant(at).getEpochSecond());
            }
            body.put("duration", Durations.parseDuration(length).toSeconds());
            body.put("reason", reason);
            body.put("stop_paging", stopPaging);
            body.put("resume_at_end", !noResume);
            ApiClient client = options.client();
            long id = client.post("/v0/maintenance", body).asLong();
            JsonNode window = client.get("/v0/maintenance/" + id);
            Output output = new Output(spec);
            if (options.json()) {
                output.json(window);
            }
            else {
                output.line("Opened maintenance window " + id + " for " + (scope.application != null ? "application " + scope.application : "plan " + scope.plan)
                        + " until " + Output.time(window.get("end")) + " (" + window.path("status").asText() + ")");
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code iris maintenance end ID}.
     */
    @Command(name = "end", description = "End a window now (cancel it if it has not started).", mixinStandardHelpOptions = true)
    static final class End
            implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "ID", description = "The window's id")
        long id;

        @Override
        public Integer call()
        {
            JsonNode window = options.client().post("/v0/maintenance/" + id + "/end", Documents.json().createObjectNode());
            Output output = new Output(spec);
            if (options.json()) {
                output.json(window);
            }
            else {
                output.line("Ended maintenance window " + id + "; silenced incidents still open "
                        + (window.path("resume_at_end").asBoolean() ? "resume escalation" : "are left unacknowledged"));
            }
            return ExitCodes.OK;
        }
    }
}
