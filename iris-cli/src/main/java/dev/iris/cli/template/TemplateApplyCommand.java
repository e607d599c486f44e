package dev.iris.cli.template;

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
 * {@code iris template apply FILE [--dry-run]}: shows the diff, then creates a new active version.
 */
@Command(name = "apply", description = "Create a new template version from YAML, showing the diff first.", mixinStandardHelpOptions = true)
public final class TemplateApplyCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "FILE", description = "Template YAML (as written by template export)")
    Path file;

    @Option(names = "--dry-run", description = "Only show the diff")
    boolean dryRun;

    @Option(names = "--creator", description = "The new version's creator (default: the YAML's creator, else --user)")
    String creator;

    @Override
    public Integer call()
    {
        JsonNode source = Documents.readYaml(file);
        ObjectNode proposed = TemplateDocuments.canonical(source, file.toString());
        String name = proposed.get("name").asText();
        ApiClient client = options.client();
        Output output = new Output(spec);

        Optional<JsonNode> active;
        try {
            active = Optional.of(client.get("/v0/templates/" + ApiClient.segment(name)));
        }
        catch (ApiRefusedException e) {
            if (e.status() != 404) {
                throw e;
            }
            active = Optional.empty();
        }
        String activeYaml = active.map(template -> Documents.toYaml(TemplateDocuments.canonical(template, "active template " + name))).orElse("");
        List<String> diff = Documents.diff(name, activeYaml, Documents.toYaml(proposed));
        if (active.isPresent() && diff.isEmpty()) {
            output.note("Template " + name + " is unchanged; nothing to apply.");
            return ExitCodes.OK;
        }
        if (!options.json()) {
            output.line(active.isPresent() ? "Changes to template " + name + ":" : "New template " + name + ":");
            diff.forEach(output::line);
        }
        if (dryRun) {
            output.note("Dry run: nothing applied.");
            return ExitCodes.OK;
        }
        ObjectNode body = proposed.deepCopy();
        body.put("creator", creator != null ? creator : (source.hasNonNull("creator") ? source.get("creator").asText() : options.requireUser("the template's creator")));
        JsonNode id = client.post("/v0/templates", body);
        if (options.json()) {
            output.json(Documents.json().createObjectNode().put("name", name).put("id", id.asLong()));
        }
        else {
            output.line("Created template " + name + " version " + id.asLong() + " (now active)");
        }
        return ExitCodes.OK;
    }
}
