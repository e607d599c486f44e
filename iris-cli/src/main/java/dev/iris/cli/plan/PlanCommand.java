package dev.iris.cli.plan;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code iris plan export|apply|simulate}.
 */
@Command(name = "plan", description = "Export, apply and simulate escalation plans.", mixinStandardHelpOptions = true,
        subcommands = {PlanExportCommand.class, PlanApplyCommand.class, PlanSimulateCommand.class, HelpCommand.class})
public final class PlanCommand
        implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: export, apply or simulate");
    }
}
