package dev.iris.cli.template;

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
 * {@code iris template export NAME [-o FILE]}.
 */
@Command(name = "export", description = "Print the active version of a template as YAML.", mixinStandardHelpOptions = true)
public final class TemplateExportCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", description = "Template name (or version id)")
    String name;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output")
    Path file;

    @Override
    public Integer call()
    {
        JsonNode template = options.client().get("/v0/templates/" + ApiClient.segment(name));
        Output output = new Output(spec);
        if (options.json()) {
            output.json(template);
            return ExitCodes.OK;
        }
        String yaml = Documents.toYaml(TemplateDocuments.canonical(template, "template " + name));
        if (file != null) {
            Documents.writeFile(file, yaml);
            output.note("Wrote template " + name + " to " + file);
        }
        else {
            output.out().print(yaml);
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
