package dev.iris.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs CLI verbs in-process, as {@code ./iris} would, with captured output.
 */
final class CliRunner
{
    private final URI url;
    private final String application;
    private final String key;

    CliRunner(URI url, String application, String key)
    {
        this.url = url;
        this.application = application;
        this.key = key;
    }

    record Result(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /**
     * Runs {@code verb...} with the connection options appended to the last (sub)command.
     */
    Result run(String... arguments)
    {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--url=" + url);
        if (application != null) {
            all.add("--app=" + application);
        }
        if (key != null) {
            all.add("--key=" + key);
        }
        return runRaw(all.toArray(String[]::new));
    }

    static Result runRaw(String... arguments)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = IrisCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
