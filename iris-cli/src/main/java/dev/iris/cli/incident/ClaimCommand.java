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
import dev.iris.cli.Table;
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
        List<JsonNode> results = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            ObjectNode body = Documents.json().createObjectNode();
            body.put("owner", claimant);
            try {
                JsonNode result = client.post("/v0/incidents/" + id, body);
                results.add(result);
                table.row(id, result.path("owner").asText(""), result.path("active").asBoolean() ? "yes" : "no");
                if (ids.size() > 1) {
                    output.progress(i + 1, ids.size(), (unclaim ? "unclaimed " : "claimed ") + id);
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
        else if (table.size() > 0) {
            table.print(output.out());
        }
        if (failures > 0) {
            throw new PartialFailureException(failures + " of " + ids.size() + " incidents were refused");
        }
        return ExitCodes.OK;
    }
}
