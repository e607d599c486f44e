package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ApiRefusedException;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.PartialFailureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iris resolve ID... [--unresolve]}: marks incidents resolved (Iris semantics: escalation is
 * not changed; claim to stop paging).
 */
@Command(name = "resolve", description = "Mark incidents resolved (use claim to stop paging).", mixinStandardHelpOptions = true)
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
        List<JsonNode> results = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            ObjectNode body = Documents.json().createObjectNode().put("resolved", !unresolve);
            try {
                results.add(client.post("/v0/incidents/" + id + "/resolve", body));
                if (!options.json()) {
                    output.line("Incident " + id + (unresolve ? " unresolved" : " resolved"));
                }
                if (ids.size() > 1) {
                    output.progress(i + 1, ids.size(), "incident " + id);
                }
            }
            catch (ApiRefusedException e) {
                if (ids.size() == 1) {
                    throw e;
                }
                failures++;
                output.note("[" + (i + 1) + "/" + ids.size() + "] incident " + id + " refused: " + e.title()
                        + (e.description() == null ? "" : ": " + e.description()));
            }
        }
        if (options.json()) {
            output.json(results);
        }
        if (failures > 0) {
            throw new PartialFailureException(failures + " of " + ids.size() + " incidents were refused");
        }
        return ExitCodes.OK;
    }
}
