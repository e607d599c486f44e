package dev.iris.cli.template;

import dev.iris.cli.ClientOptions;
import dev.iris.cli.DocumentApply;
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
        return DocumentApply.run(TemplateDocuments.KIND, options, new Output(spec), file, dryRun, creator);
    }
}
