package dev.iris.cli.schedule;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code iris schedule export|apply|who}.
 */
@Command(name = "schedule", description = "Export and apply teams' on-call schedules; show who is on call.", mixinStandardHelpOptions = true,
        subcommands = {ScheduleExportCommand.class, ScheduleApplyCommand.class, ScheduleWhoCommand.class, HelpCommand.class})
public final class ScheduleCommand
        implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: export, apply or who");
    }
}
