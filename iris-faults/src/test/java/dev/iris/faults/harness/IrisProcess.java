package dev.iris.faults.harness;

import dev.iris.testing.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One of Iris's packaged jars run as an operator runs it: {@code java -jar <jar> server
 * configs/<process>.yaml}, configured only through environment variables.
 *
 * <p>The JVM options are the suite's, not Iris's: a small heap and the serial collector, and C1
 * only, because up to six JVMs and a database share two cores and a JIT that never reaches C2
 * leaves them the CPU for the work under test. They change speed, not behaviour.
 */
public final class IrisProcess
        implements AutoCloseable
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int adminPort;
    private final Path log;
    private OsProcess process;

    private IrisProcess(String name, List<String> command, Map<String, String> environment, int adminPort, Path log)
    {
        this.name = requireNonNull(name, "name is null");
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.adminPort = adminPort;
        this.log = requireNonNull(log, "log is null");
    }

    /**
     * Starts the server and waits until its admin port's {@code /healthcheck} answers 200.
     */
    public static IrisProcess startServer(String name, Path jar, String configProcess, Map<String, String> environment, int adminPort, Path log)
    {
        return startServer(name, jar, configProcess, environment, adminPort, log, List.of());
    }

    /**
     * As {@link #startServer(String, Path, String, Map, int, Path)}, with JVM options after the
     * suite's (a later option wins: the benchmark turns the full JIT back on and adds JFR).
     */
    public static IrisProcess startServer(String name, Path jar, String configProcess, Map<String, String> environment, int adminPort, Path log,
            List<String> extraJvmOptions)
    {
        List<String> command = javaCommand(jar);
        command.addAll(command.size() - 2, extraJvmOptions);
        command.add("server");
        command.add(SuitePaths.productionConfig(configProcess).toString());
        IrisProcess server = new IrisProcess(name, command, environment, adminPort, log);
        server.start();
        return server;
    }

    /**
     * Starts {@code ./iris <verb> configs/<configProcess>.yaml} from the repository root, as the
     * README tells an operator to, on the jars Maven packaged ({@code IRIS_SKIP_BUILD=1}), and
     * waits until it is healthy.
     */
    public static IrisProcess startByScript(String name, String verb, String configProcess, Map<String, String> environment, int adminPort, Path log)
    {
        SuitePaths.productionConfig(configProcess);
        List<String> command = List.of(SuitePaths.launcher().toString(), verb, "configs/" + configProcess + ".yaml");
        IrisProcess server = new IrisProcess(name, command, scriptEnvironment(environment), adminPort, log);
        server.start();
        return server;
    }

    /**
     * Runs {@code ./iris <arguments>} to its end (at most {@code limit}) on the packaged jars and
     * returns its exit code; what it printed goes to {@code output}.
     */
    public static int runScript(String name, List<String> arguments, Map<String, String> environment, Path output, Duration limit)
    {
        List<String> command = new ArrayList<>();
        command.add(SuitePaths.launcher().toString());
        command.addAll(arguments);
        OsProcess process = OsProcess.start(name, command, scriptEnvironment(environment), SuitePaths.root(), output);
        try {
            return process.awaitExit(limit);
        }
        finally {
            process.close();
        }
    }

    private static Map<String, String> scriptEnvironment(Map<String, String> environment)
    {
        Map<String, String> script = new java.util.HashMap<>(environment);
        script.put("IRIS_SKIP_BUILD", "1");
        script.put("JAVA_OPTS", String.join(" ", JVM_OPTIONS));
        return script;
    }

    /**
     * Runs a one-shot command of a jar ({@code db migrate}) with the production config and returns
     * its exit code, the output appended to {@code log}.
     */
    public static int runCommand(String name, Path jar, List<String> arguments, String configProcess, Map<String, String> environment, Path log,
            Duration limit)
    {
        List<String> command = javaCommand(jar);
        command.addAll(arguments);
        command.add(SuitePaths.productionConfig(configProcess).toString());
        OsProcess process = OsProcess.start(name, command, environment, SuitePaths.root(), log);
        try {
            return process.awaitExit(limit);
        }
        finally {
            process.close();
        }
    }

    /**
     * Starts the process (again, after {@link #kill()}) with the same environment and log.
     */
    public synchronized void start()
    {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = OsProcess.start(name, command, environment, SuitePaths.root(), log);
        Deadline deadline = Deadline.after(START_LIMIT);
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting\n" + process.tail());
            }
            if (deadline.passed()) {
                throw new IllegalStateException(name + " was not healthy within " + START_LIMIT + "\n" + process.tail());
            }
            deadline.pause(Duration.ofMillis(250));
        }
    }

    private static List<String> javaCommand(Path jar)
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * Whether {@code /healthcheck} on the admin port answers 200 now.
     */
    public boolean healthy()
    {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGKILL.
     */
    public synchronized void kill()
    {
        process.kill();
    }

    public synchronized boolean isAlive()
    {
        return process != null && process.isAlive();
    }

    public String name()
    {
        return name;
    }

    /**
     * The operating system's id of the running process.
     */
    public synchronized long pid()
    {
        return process.pid();
    }

    public Path log()
    {
        return log;
    }

    public String tail()
    {
        return OsProcess.tail(log, 60);
    }

    @Override
    public synchronized void close()
    {
        if (process != null) {
            process.close();
        }
    }
}
