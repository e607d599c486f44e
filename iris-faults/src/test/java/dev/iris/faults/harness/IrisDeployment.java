package dev.iris.faults.harness;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.db.Database;
import dev.iris.testing.seed.SeedWriter;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Iris as an operator deploys it on one database: the schema made by {@code db migrate}, the
 * internal applications ({@code iris}, {@code iris-relay}) seeded, iris-api and iris-relay
 * running, and any number of iris-sender processes started by the scenarios.
 *
 * <p>There is no bootstrap command yet, so the internal applications are written with the
 * project's {@link SeedWriter}, the way the dev seed and the tests write data.
 */
public final class IrisDeployment
        implements AutoCloseable
{
    private static final Duration MIGRATE_LIMIT = Duration.ofMinutes(3);

    private final String name;
    private final MariaDbServer server;
    private final String schema;
    private final String dbUser;
    private final String dbPassword;
    private final Path logs;
    private final Database suiteDatabase;
    private final String irisKey;
    private final String relayKey;
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

    private IrisDeployment(String name, MariaDbServer server)
    {
        this.name = requireNonNull(name, "name is null");
        this.server = requireNonNull(server, "server is null");
        this.schema = "iris_" + name.replace('-', '_');
        this.dbUser = "iris_" + name.replace('-', '_');
        this.dbPassword = Secrets.issue(name + " database password", 12);
        this.logs = SuitePaths.output().resolve(name);
        this.irisKey = Secrets.issue(name + " key of application iris", 16);
        this.relayKey = Secrets.issue(name + " relay key (application iris-relay)", 16);
        this.sessionSecret = Secrets.issue(name + " UI session secret", 24);
        this.inboundMailSecret = Secrets.issue(name + " inbound mail secret", 16);
        this.senderSettings = SenderSettings.forTests(Secrets.issue(name + " webhook vendor secret", 16));
        server.createDatabase(schema, dbUser, dbPassword);
        int exit = IrisProcess.runCommand(name + "-migrate", PackagedJars.api(), List.of("db", "migrate"), "iris-api", databaseEnvironment(),
                logs.resolve("db-migrate.log"), MIGRATE_LIMIT);
        if (exit != 0) {
            throw new IllegalStateException("db migrate failed with exit code " + exit + "\n" + OsProcess.tail(logs.resolve("db-migrate.log"), 60));
        }
        this.suiteDatabase = Database.connect(server.rootUrl(schema), dbUser, dbPassword, 4);
        suiteDatabase.jdbi().useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            seed.application("iris", irisKey, true, List.of());
            seed.application("iris-relay", relayKey, false, List.of());
        });
    }

    /**
     * Creates the database and schema and seeds the internal applications; starts no process.
     */
    public static IrisDeployment create(String name, MariaDbServer server)
    {
        return new IrisDeployment(name, server);
    }

    public synchronized IrisProcess startApi()
    {
        Map<String, String> environment = new HashMap<>(databaseEnvironment());
        environment.put("IRIS_API_PORT", String.valueOf(apiPort));
        environment.put("IRIS_API_ADMIN_PORT", String.valueOf(apiAdminPort));
        environment.put("IRIS_UI_SESSION_SECRET", sessionSecret);
        api = track(IrisProcess.startServer(name + "-api", PackagedJars.api(), "iris-api", environment, apiAdminPort, logs.resolve("iris-api.log")));
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
        int adminPort = Ports.free();
        Map<String, String> environment = new HashMap<>(databaseEnvironment());
        environment.put("IRIS_VENDORS", senderSettings.vendorsYaml());
        environment.put("IRIS_SENDER_SEND_DEADLINE", SenderSettings.duration(senderSettings.sendDeadline()));
        environment.put("IRIS_SENDER_RETRY_BACKOFF", SenderSettings.duration(senderSettings.retryBackoff()));
        environment.put("IRIS_SENDER_MAX_BACKOFF", SenderSettings.duration(senderSettings.maxBackoff()));
        environment.put("IRIS_SENDER_ADMIN_PORT", String.valueOf(adminPort));
        return track(IrisProcess.startServer(name + "-" + senderName, PackagedJars.sender(), "iris-sender", environment, adminPort,
                logs.resolve(scenario).resolve(senderName + ".log")));
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
