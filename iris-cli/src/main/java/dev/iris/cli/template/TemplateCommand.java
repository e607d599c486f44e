package dev.iris.cli.template;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code iris template export|apply}.
 */
@Command(name = "template", description = "Export and apply message templates.", mixinStandardHelpOptions = true,
        subcommands = {TemplateExportCommand.class, TemplateApplyCommand.class, HelpCommand.class})
public final class TemplateCommand
        implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: export or apply");
    }
}
