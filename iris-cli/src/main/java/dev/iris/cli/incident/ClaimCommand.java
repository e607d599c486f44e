package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@code iris claim ID... [--owner USER] [--unclaim]}: claims incidents (stops their escalation).
 */
@Command(name = "claim", description = "Claim incidents (stops paging), or unclaim them.", mixinStandardHelpOptions = true)
public final class ClaimCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Incident ids")
    List<Long> ids;

    @Option(names = "--owner", description = "Claim as this user (default: --user / IRIS_USER)")
    String owner;

    @Option(names = "--unclaim", description = "Give the incidents back: escalation resumes")
    boolean unclaim;

    @Override
    public Integer call()
    {
        String claimant = unclaim ? null : (owner != null ? owner : options.requireUser("the claim's owner"));
        ApiClient client = options.client();
        Output output = new Output(spec);
        Table table = new Table("INCIDENT", "OWNER", "ACTIVE");
        EachIncident.Outcome outcome = EachIncident.run(ids, output, id -> {
            ObjectNode body = Documents.json().createObjectNode();
            body.put("owner", claimant);
            JsonNode result = client.post("/v0/incidents/" + id, body);
            table.row(id, result.path("owner").asText(""), result.path("active").asBoolean() ? "yes" : "no");
            return result;
        }, id -> (unclaim ? "unclaimed " : "claimed ") + id);
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
