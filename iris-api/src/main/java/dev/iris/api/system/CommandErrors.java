package dev.iris.api.system;

import dev.iris.db.DatabaseSetupException;
import io.dropwizard.core.cli.Cli;

/**
 * How the operator's commands report failures: a known setup problem as its one-line message,
 * anything else with its stack trace (Dropwizard's default).
 */
public final class CommandErrors
{
    private CommandErrors() {}

    public static void print(Cli cli, Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseSetupException setup) {
                cli.getStdErr().println("Error: " + setup.getMessage());
                return;
            }
        }
        failure.printStackTrace(cli.getStdErr());
    }
}
