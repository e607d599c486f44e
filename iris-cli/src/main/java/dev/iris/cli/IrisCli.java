package dev.iris.cli;

import dev.iris.cli.app.AppCommand;
import dev.iris.cli.incident.ClaimCommand;
import dev.iris.cli.incident.IncidentsCommand;
import dev.iris.cli.incident.ResolveCommand;
import dev.iris.cli.incident.TriggerCommand;
import dev.iris.cli.maintenance.MaintenanceCommand;
import dev.iris.cli.plan.PlanCommand;
import dev.iris.cli.template.TemplateCommand;
import dev.iris.common.client.IrisApiUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * {@code ./iris <verb>}: the Iris command line. Exit codes are in {@link ExitCodes}.
 */
@Command(
        name = "iris",
        mixinStandardHelpOptions = true,
        version = "iris-cli 0.1.0",
        description = "Talks to the Iris API, signed with an application's HMAC key.",
        subcommands = {
                TriggerCommand.class,
                ClaimCommand.class,
                ResolveCommand.class,
                IncidentsCommand.class,
                PlanCommand.class,
                TemplateCommand.class,
                dev.iris.cli.schedule.ScheduleCommand.class,
                AppCommand.class,
                MaintenanceCommand.class,
                HelpCommand.class,
        },
        footer = {
                "",
                "Configuration: --url/--app/--key/--user or IRIS_URL, IRIS_APP, IRIS_KEY, IRIS_USER.",
                "Exit codes: 0 ok, 1 the API refused, 2 usage error, 3 cannot reach the API."})
public final class IrisCli
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Iris's exit codes wired in; tests call {@code execute} on it.
     */
    public static CommandLine commandLine()
    {
        CommandLine commandLine = new CommandLine(new IrisCli());
        commandLine.setExecutionExceptionHandler(IrisCli::handleFailure);
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        // Scripts that asked for JSON get JSON for a mistyped command line too.
        commandLine.setParameterExceptionHandler((exception, args) -> Arrays.asList(args).contains("--json")
                ? JsonErrors.report(new UsageException(exception.getMessage()), exception.getCommandLine().getErr())
                : usage.handleParseException(exception, args));
        return commandLine;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a verb");
    }

    private static int handleFailure(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
    {
        PrintWriter err = commandLine.getErr();
        if (parseResult.originalArgs().contains("--json")) {
            return JsonErrors.report(exception, err);
        }
        if (exception instanceof ApiRefusedException refused) {
            err.println("Error: the API refused (" + refused.status() + "): " + refused.title()
                    + (refused.description() == null || refused.description().isEmpty() ? "" : ": " + refused.description()));
            err.flush();
            return ExitCodes.REFUSED;
        }
        if (exception instanceof IrisApiUnreachableException unreachable) {
            err.println("Error: " + unreachable.getMessage());
            err.flush();
            return ExitCodes.UNREACHABLE;
        }
        if (exception instanceof UsageException usage) {
            err.println("Error: " + usage.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (exception instanceof PartialFailureException) {
            err.println("Error: " + exception.getMessage());
            err.flush();
            return ExitCodes.REFUSED;
        }
        throw new IllegalStateException(exception);
    }
}
