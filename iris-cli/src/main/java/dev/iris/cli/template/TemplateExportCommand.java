package dev.iris.cli.template;

import dev.iris.cli.ClientOptions;
import dev.iris.cli.DocumentExport;
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
 * {@code iris template export NAME [-o FILE]}: the active version as YAML, ready for
 * {@code template apply}.
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
        return DocumentExport.run(TemplateDocuments.KIND, options, new Output(spec), name, file);
    }
}
