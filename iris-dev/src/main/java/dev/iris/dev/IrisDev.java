package dev.iris.dev;

import dev.iris.db.Database;
import dev.iris.db.DatabaseConfig;
import dev.iris.db.DatabaseCreator;
import dev.iris.db.Migrations;
import dev.iris.relay.IrisRelayApplication;
import dev.iris.sender.IrisSenderApplication;
import dev.iris.server.logging.QuerySecrets;
import dev.iris.testing.db.EmbeddedMariaDb;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./iris dev}: starts the embedded MariaDB (data kept in {@code .iris/mariadb}) unless
 * {@code IRIS_DB_URL} names a server, migrates and seeds that database, then runs iris-api (with
 * the dev inbox, {@link DevApiApplication}), iris-sender and iris-relay in this JVM with the dev
 * configs. Ctrl-C stops everything.
 *
 * <p>The production processes never start a database: the dev configs name the embedded
 * server's URL ({@code jdbc:mysql://127.0.0.1:3307/iris}, {@link #DATABASE_PORT}), and
 * {@code IRIS_DB_URL} overrides it for this launcher and the processes alike.
 */
public final class IrisDev
{
    static final int DATABASE_PORT = 3307;

    private IrisDev() {}

    public static void main(String[] args)
            throws Exception
    {
        Path home = Path.of(System.getProperty("iris.home", ".")).toAbsolutePath().normalize();
        Path configs = home.resolve("configs");
        if (!Files.isDirectory(configs)) {
            throw new IllegalStateException("Run ./iris dev from the Iris checkout: " + configs + " is missing");
        }

        String databaseUrl = System.getenv(DatabaseConfig.URL_ENVIRONMENT_VARIABLE);
        String databaseDescription;
        if (databaseUrl == null || databaseUrl.isBlank()) {
            EmbeddedMariaDb mariaDb = EmbeddedMariaDb.startOrJoin(home.resolve(".iris/mariadb"), DATABASE_PORT);
            Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close, "stop-mariadb"));
            databaseUrl = mariaDb.jdbcUrl("iris");
            databaseDescription = "embedded MariaDB on 127.0.0.1:" + DATABASE_PORT + ", data in .iris/mariadb";
        }
        else {
            databaseUrl = databaseUrl.trim();
            // The dev configs' user: root without a password.
            DatabaseCreator.ensureExists(databaseUrl, "root", "");
            databaseDescription = QuerySecrets.redact(databaseUrl) + " (" + DatabaseConfig.URL_ENVIRONMENT_VARIABLE + ")";
        }
        try (Database database = Database.connect(databaseUrl, "root", "", 2)) {
            Migrations.migrate(database.dataSource());
            DemoSeed.load(database.jdbi());
        }

        new DevApiApplication().run("server", configs.resolve("iris-api.dev.yaml").toString());
        new IrisSenderApplication().run("server", configs.resolve("iris-sender.dev.yaml").toString());
        new IrisRelayApplication().run("server", configs.resolve("iris-relay.dev.yaml").toString());

        printBanner(System.out, databaseDescription);
    }

    private static void printBanner(PrintStream out, String databaseDescription)
    {
        String body = "{\"plan\":\"demo-plan\",\"context\":{\"title\":\"Disk full\",\"host\":\"db-01\",\"severity\":\"critical\"}}";
        out.println();
        out.println("Iris is running (dev mode).");
        out.println("  API and UI   http://localhost:16649      (log in as demo / demo)");
        out.println("  relay        http://localhost:16648");
        out.println("  admin ports  api 16650, relay 16651, sender 16652   (/healthcheck, /metrics)");
        out.println("  database     " + databaseDescription);
        out.println("  demo app     demo, key " + DemoSeed.DEMO_KEY + " (a development value; production apps get generated keys)");
        out.println();
        out.println("Trigger a demo incident (signed with Iris's HMAC):");
        out.println("  ./iris curl POST /v0/incidents '" + body + "'");
        out.println("or with plain curl and openssl:");
        out.println("  BODY='" + body + "'; \\");
        out.println("  SIG=$(printf '%s POST /v0/incidents %s' $(( $(date +%s) / 5 )) \"$BODY\" \\");
        out.println("    | openssl dgst -sha512 -hmac " + DemoSeed.DEMO_KEY + " -binary | base64 -w0 | tr '+/' '-_'); \\");
        out.println("  curl -s -H \"Authorization: hmac demo:$SIG\" -H 'Content-Type: application/json' \\");
        out.println("    -d \"$BODY\" http://localhost:16649/v0/incidents");
        out.println();
        out.println("Then: ./iris curl GET /v0/incidents/<id>      Ctrl-C stops everything.");
        out.println();
        out.flush();
    }
}
