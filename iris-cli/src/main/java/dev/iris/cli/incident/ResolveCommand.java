package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iris resolve ID... [--unresolve]}: marks incidents resolved, which stops their paging as
 * a claim does (the API's resolve; Iris only set a flag), or unresolved, which resumes it.
 */
@Command(name = "resolve", description = "Mark incidents resolved (stops paging), or unresolved.", mixinStandardHelpOptions = true)
public final class ResolveCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Incident ids")
    List<Long> ids;

    @Option(names = "--owner", description = "Resolve as this user, as claim's --owner (default: --user / IRIS_USER)")
    String owner;

    @Option(names = "--unresolve", description = "Clear the resolved mark instead: escalation resumes for an incident nobody owns")
    boolean unresolve;

    @Override
    public Integer call()
    {
        ApiClient client = options.clientActingAs(owner);
        Output output = new Output(spec);
        Table table = new Table("INCIDENT", "BY", "RESOLVED");
        EachIncident.Outcome outcome = EachIncident.run(ids, output, id -> {
            JsonNode result = client.post("/v0/incidents/" + id + "/resolve", Documents.json().createObjectNode().put("resolved", !unresolve));
            table.row(id, client.username() == null ? "" : client.username(), unresolve ? "no" : "yes");
            if (!options.json()) {
                output.line("Incident " + id + (unresolve ? " unresolved" : " resolved"));
            }
            return result;
        }, id -> "incident " + id);
        if (options.json()) {
            output.json(outcome.results());
        }
        else if (table.size() > 0) {
            table.print(output.out());
        }
        outcome.requireNoneRefused();
        return ExitCodes.OK;
    }
}
