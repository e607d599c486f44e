package dev.iris.faults.harness;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.db.Database;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Iris as an operator deploys it on one database, with the README's commands run on the packaged
 * api jar: {@code db migrate} makes the schema, {@code bootstrap --admin ops-admin} the internal
 * applications ({@code iris}, {@code iris-relay}) and the first admin, whose keys and one-time
 * password are read off its output as an operator reads them off the terminal. Then iris-api and
 * iris-relay run, and the scenarios start any number of iris-sender processes.
 */
public final class IrisDeployment
        implements AutoCloseable
{
    private static final Duration MIGRATE_LIMIT = Duration.ofMinutes(3);
    /** The first admin that {@code bootstrap} creates. */
    public static final String ADMIN = "ops-admin";

    private final String name;
    private final MariaDbServer server;
    private final String schema;
    private final String dbUser;
    private final String dbPassword;
    private final Path logs;
    private final Database suiteDatabase;
    private final String irisKey;
    private final String relayKey;
    private final String adminOneTimePassword;
    private final String sessionSecret;
    private final String inboundMailSecret;
    private final SenderSettings senderSettings;
    private final List<IrisProcess> processes = new ArrayList<>();
    private final int apiPort = Ports.free();
    private final int apiAdminPort = Ports.free();
    private final int relayPort = Ports.free();
    private final int relayAdminPort = Ports.free();
    private IrisProcess api;
    private IrisProcess relay;

    private IrisDeployment(String name, MariaDbServer server, Function<String, SenderSettings> senderSettings)
    {
        this.name = requireNonNull(name, "name is null");
        this.server = requireNonNull(server, "server is null");
        this.schema = "iris_" + name.replace('-', '_');
        this.dbUser = "iris_" + name.replace('-', '_');
        this.dbPassword = Secrets.issue(name + " database password", 12);
        this.logs = SuitePaths.output().resolve(name);
        this.sessionSecret = Secrets.issue(name + " UI session secret", 24);
        this.inboundMailSecret = Secrets.issue(name + " inbound mail secret", 16);
        this.senderSettings = senderSettings.apply(Secrets.issue(name + " webhook vendor secret", 16));
        server.createDatabase(schema, dbUser, dbPassword);
        runApiCommand("db-migrate", List.of("db", "migrate"));
        BootstrapOutput bootstrap = BootstrapOutput.parse(runApiCommand("bootstrap", List.of("bootstrap", "--admin", ADMIN)));
        this.irisKey = Secrets.record(name + " key of application iris", bootstrap.irisKey());
        this.relayKey = Secrets.record(name + " relay key (application iris-relay)", bootstrap.relayKey());
        this.adminOneTimePassword = Secrets.record(name + " one-time password of " + ADMIN, bootstrap.oneTimePassword());
        this.suiteDatabase = Database.connect(server.rootUrl(schema), dbUser, dbPassword, 4);
    }

    /**
     * Runs an iris-api command with the production config and returns what it printed. Its output
     * goes to {@link SuitePaths#terminal()}, not among the logs: like an operator's terminal it
     * shows the keys and passwords that the command creates.
     */
    private String runApiCommand(String what, List<String> arguments)
    {
        Path output = SuitePaths.terminal().resolve(name + "-" + what + ".txt");
        int exit = IrisProcess.runCommand(name + "-" + what, PackagedJars.api(), arguments, "iris-api", databaseEnvironment(), output, MIGRATE_LIMIT);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed with exit code " + exit + "\n" + OsProcess.tail(output, 60));
        }
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the database and schema and seeds the internal applications; starts no process.
     */
    public static IrisDeployment create(String name, MariaDbServer server)
    {
        return create(name, server, SenderSettings::forTests);
    }

    /**
     * As {@link #create(String, MariaDbServer)}, with the senders' timings made from the webhook
     * vendor's secret.
     */
    public static IrisDeployment create(String name, MariaDbServer server, Function<String, SenderSettings> senderSettings)
    {
        return new IrisDeployment(name, server, senderSettings);
    }

    public synchronized IrisProcess startApi()
    {
        return startApi(List.of());
    }

    /**
     * Starts iris-api with these JVM options after the suite's.
     */
    public synchronized IrisProcess startApi(List<String> extraJvmOptions)
    {
        Map<String, String> environment = new HashMap<>(databaseEnvironment());
        environment.put("IRIS_API_PORT", String.valueOf(apiPort));
        environment.put("IRIS_API_ADMIN_PORT", String.valueOf(apiAdminPort));
        environment.put("IRIS_UI_SESSION_SECRET", sessionSecret);
        api = track(IrisProcess.startServer(name + "-api", PackagedJars.api(), "iris-api", environment, apiAdminPort, logs.resolve("iris-api.log"),
                extraJvmOptions));
        return api;
    }

    public synchronized IrisProcess startRelay()
    {
        Map<String, String> environment = new HashMap<>();
        environment.put("IRIS_API_URL", apiUri().toString());
        environment.put("IRIS_RELAY_KEY", relayKey);
        environment.put("IRIS_INBOUND_MAIL_SECRET", inboundMailSecret);
        environment.put("IRIS_RELAY_PORT", String.valueOf(relayPort));
        environment.put("IRIS_RELAY_ADMIN_PORT", String.valueOf(relayAdminPort));
        relay = track(IrisProcess.startServer(name + "-relay", PackagedJars.relay(), "iris-relay", environment, relayAdminPort, logs.resolve("iris-relay.log")));
        return relay;
    }

    /**
     * Starts one more sender, its log under {@code <logs>/<scenario>/<senderName>.log}.
     */
    public IrisProcess startSender(String scenario, String senderName)
    {
        return startSender(scenario, senderName, List.of());
    }

    /**
     * Starts one more sender with these JVM options after the suite's.
     */
    public IrisProcess startSender(String scenario, String senderName, List<String> extraJvmOptions)
    {
        int adminPort = Ports.free();
        Map<String, String> environment = new HashMap<>(databaseEnvironment());
        environment.put("IRIS_VENDORS", senderSettings.vendorsYaml());
        environment.put("IRIS_SENDER_SEND_DEADLINE", SenderSettings.duration(senderSettings.sendDeadline()));
        environment.put("IRIS_SENDER_RETRY_BACKOFF", SenderSettings.duration(senderSettings.retryBackoff()));
        environment.put("IRIS_SENDER_MAX_BACKOFF", SenderSettings.duration(senderSettings.maxBackoff()));
        environment.put("IRIS_SENDER_ADMIN_PORT", String.valueOf(adminPort));
        return track(IrisProcess.startServer(name + "-" + senderName, PackagedJars.sender(), "iris-sender", environment, adminPort,
                logs.resolve(scenario).resolve(senderName + ".log"), extraJvmOptions));
    }

    private synchronized IrisProcess track(IrisProcess process)
    {
        processes.add(process);
        return process;
    }

    private Map<String, String> databaseEnvironment()
    {
        return Map.of(
                "IRIS_DB_URL", server.operatorUrl(schema),
                "IRIS_DB_USER", dbUser,
                "IRIS_DB_PASSWORD", dbPassword);
    }

    public URI apiUri()
    {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    public URI relayUri()
    {
        return URI.create("http://127.0.0.1:" + relayPort);
    }

    public IrisProcess api()
    {
        return api;
    }

    public IrisProcess relay()
    {
        return relay;
    }

    public MariaDbServer server()
    {
        return server;
    }

    /**
     * The suite's own connection pool on the deployment's database (seeding and the ledger).
     */
    public Jdbi jdbi()
    {
        return suiteDatabase.jdbi();
    }

    public SenderSettings senderSettings()
    {
        return senderSettings;
    }

    public String inboundMailSecret()
    {
        return inboundMailSecret;
    }

    /**
     * A client signed as the internal {@code iris} application.
     */
    public IrisTestClient irisClient()
    {
        return IrisTestClient.signedAs(apiUri(), "iris", irisKey);
    }

    /**
     * The one-time password {@code bootstrap} printed for {@link #ADMIN}.
     */
    public String adminOneTimePassword()
    {
        return adminOneTimePassword;
    }

    public Path logs()
    {
        return logs;
    }

    public String name()
    {
        return name;
    }

    @Override
    public synchronized void close()
    {
        // Senders first, so nothing sends while the API goes away.
        List<IrisProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        for (IrisProcess process : reversed) {
            process.close();
        }
        suiteDatabase.close();
    }
}
