package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a command writes: results to standard output, progress and errors to standard error, so
 * {@code --json} output stays machine-readable.
 */
public final class Output
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final PrintWriter err;

    public Output(CommandSpec spec)
    {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    public PrintWriter out()
    {
        return out;
    }

    public void line(String text)
    {
        out.println(text);
        out.flush();
    }

    public void json(Object value)
    {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A progress note on standard error ({@code [3/10] claimed 42}).
     */
    public void progress(int done, int total, String what)
    {
        err.println("[" + done + "/" + total + "] " + what);
        err.flush();
    }

    public void note(String text)
    {
        err.println(text);
        err.flush();
    }

    /**
     * Iris's unix-seconds times as readable UTC.
     */
    public static String time(JsonNode seconds)
    {
        if (seconds == null || seconds.isNull() || seconds.isMissingNode()) {
            return "";
        }
        return TIME.format(Instant.ofEpochSecond(seconds.asLong()));
    }

    public static String time(long seconds)
    {
        return TIME.format(Instant.ofEpochSecond(seconds));
    }
}
