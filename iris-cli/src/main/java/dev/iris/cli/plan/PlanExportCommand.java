package dev.iris.cli.plan;

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

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code iris plan export NAME [-o FILE]}: the active version as YAML, ready for {@code plan apply}.
 */
@Command(name = "export", description = "Print the active version of a plan as YAML.", mixinStandardHelpOptions = true)
public final class PlanExportCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", description = "Plan name (or version id)")
    String name;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output")
    Path file;

    @Override
    public Integer call()
    {
        JsonNode plan = options.client().get("/v0/plans/" + ApiClient.segment(name));
        Output output = new Output(spec);
        if (options.json()) {
            output.json(plan);
            return ExitCodes.OK;
        }
        String yaml = Documents.toYaml(PlanDocuments.canonical(plan, "plan " + name));
        if (file != null) {
            Documents.writeFile(file, yaml);
            output.note("Wrote plan " + name + " to " + file);
        }
        else {
            output.out().print(yaml);
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
