package dev.iris.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One OS process the suite started, with its stdout and stderr appended to one log file. Every
 * process is registered with a JVM shutdown hook that kills what is still running, so a failed
 * or interrupted suite leaves nothing behind; {@link #close()} stops it politely first.
 */
public final class OsProcess
        implements AutoCloseable
{
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    // Dropwizard finishes its managed objects (pools, send threads) within this after SIGTERM.
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "fault-suite-kill-processes"));
    }

    private final String name;
    private final Path log;
    private final Process process;

    private OsProcess(String name, Path log, Process process)
    {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code command} with this environment added to a copy of the suite's own, minus every
     * {@code IRIS_*} variable the developer's shell may have set (only what the suite passes may
     * reach the process's config).
     */
    public static OsProcess start(String name, List<String> command, Map<String, String> environment, Path workingDirectory, Path log)
    {
        requireNonNull(name, "name is null");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "# " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("IRIS_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            RUNNING.add(process);
            return new OsProcess(name, log, process);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name()
    {
        return name;
    }

    public Path log()
    {
        return log;
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a pulled plug would end it, and waits for the end.
     */
    public void kill()
    {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Waits for the process to end on its own (a one-shot command) and returns its exit code.
     */
    public int awaitExit(Duration limit)
    {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not end within " + limit + "\n" + tail());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
        finally {
            if (!process.isAlive()) {
                RUNNING.remove(process);
            }
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, then SIGKILL if the process has not ended within the grace period.
     */
    @Override
    public void close()
    {
        if (!process.isAlive()) {
            RUNNING.remove(process);
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.remove(process);
    }

    /**
     * The last lines of the log, for assertion messages.
     */
    public String tail()
    {
        return tail(log, 60);
    }

    public static String tail(Path file, int lines)
    {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            // Lenient decoding: a log cut by SIGKILL may end inside a character.
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
        }
        catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
