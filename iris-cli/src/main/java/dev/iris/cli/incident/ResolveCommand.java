package dev.iris.cli.incident;

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

    @Option(names = "--unresolve", description = "Clear the resolved mark instead")
    boolean unresolve;

    @Override
    public Integer call()
    {
        ApiClient client = options.client();
        Output output = new Output(spec);
        EachIncident.Outcome outcome = EachIncident.run(ids, output, id -> {
            JsonNode result = client.post("/v0/incidents/" + id + "/resolve", Documents.json().createObjectNode().put("resolved", !unresolve));
            if (!options.json()) {
                output.line("Incident " + id + (unresolve ? " unresolved" : " resolved"));
            }
            return result;
        }, id -> "incident " + id);
        if (options.json()) {
            output.json(outcome.results());
        }
        outcome.requireNoneRefused();
        return ExitCodes.OK;
    }
}
