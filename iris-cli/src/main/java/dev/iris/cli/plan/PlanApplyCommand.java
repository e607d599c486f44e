package dev.iris.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ApiRefusedException;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code iris plan apply FILE [--dry-run]}: shows the diff against the active version, then creates
 * a new version (which becomes active). The API validates the plan; its refusal is shown as is.
 */
@Command(name = "apply", description = "Create a new plan version from YAML, showing the diff first.", mixinStandardHelpOptions = true)
public final class PlanApplyCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "FILE", description = "Plan YAML (as written by plan export)")
    Path file;

    @Option(names = "--dry-run", description = "Only show the diff")
    boolean dryRun;

    @Option(names = "--creator", description = "The new version's creator (default: the YAML's creator, else --user)")
    String creator;

    @Override
    public Integer call()
    {
        JsonNode source = Documents.readYaml(file);
        ObjectNode proposed = PlanDocuments.canonical(source, file.toString());
        String name = proposed.get("name").asText();
        ApiClient client = options.client();
        Output output = new Output(spec);

        Optional<JsonNode> active = activeVersion(client, name);
        String activeYaml = active.map(plan -> Documents.toYaml(PlanDocuments.canonical(plan, "active plan " + name))).orElse("");
        List<String> diff = Documents.diff(name, activeYaml, Documents.toYaml(proposed));
        if (active.isPresent() && diff.isEmpty()) {
            output.note("Plan " + name + " is unchanged (active version " + active.get().path("id").asLong() + "); nothing to apply.");
            if (options.json()) {
                output.json(Documents.json().createObjectNode().put("name", name).put("changed", false).put("id", active.get().path("id").asLong()));
            }
            return ExitCodes.OK;
        }
        if (!options.json()) {
            output.line(active.isPresent() ? "Changes to plan " + name + ":" : "New plan " + name + ":");
            diff.forEach(output::line);
        }
        if (dryRun) {
            output.note("Dry run: nothing applied.");
            return ExitCodes.OK;
        }
        ObjectNode body = proposed.deepCopy();
        String owner = creator != null ? creator : (source.hasNonNull("creator") ? source.get("creator").asText() : options.requireUser("the plan's creator"));
        body.put("creator", owner);
        JsonNode id = client.post("/v0/plans", body);
        if (options.json()) {
            output.json(Documents.json().createObjectNode().put("name", name).put("changed", true).put("id", id.asLong()));
        }
        else {
            output.line("Created plan " + name + " version " + id.asLong() + " (now active)");
        }
        return ExitCodes.OK;
    }

    private static Optional<JsonNode> activeVersion(ApiClient client, String name)
    {
        try {
            return Optional.of(client.get("/v0/plans/" + ApiClient.segment(name)));
        }
        catch (ApiRefusedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
