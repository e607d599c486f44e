package dev.iris.testing.db;

import dev.iris.db.Database;
import dev.iris.db.JdbcUrls;
import dev.iris.db.Migrations;
import dev.iris.testing.db.EmbeddedMariaDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real MariaDB that tests run against: the server named by {@code IRIS_TEST_DB_URL} (for
 * example {@code jdbc:mysql://127.0.0.1:3306/?user=root}) when it is set, otherwise one embedded
 * MariaDB per JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Each call to {@link #newDatabase()} creates a fresh, uniquely named database and builds its
 * schema with the production Flyway migrations, so tests are isolated without truncating. On a
 * shared server those databases are dropped again: by {@link #dropDatabase(String)} when a fixture
 * closes, and whatever is left when the JVM exits, so a test run leaves none behind. A JVM that
 * could not run its exit hook (killed, or halted by Surefire) leaves its databases to the next
 * run on the same machine, which drops them at its start.
 */
public final class TestingMariaDb
{
    private static final Logger log = LoggerFactory.getLogger(TestingMariaDb.class);

    public static final String URL_ENVIRONMENT_VARIABLE = "IRIS_TEST_DB_URL";

    private static final String NAME_PREFIX = "iris_test_";
    // iris_test_<pid of the JVM that created it>_<counter>
    private static final Pattern NAME = Pattern.compile(NAME_PREFIX + "([0-9]+)_[0-9]+");
    // A drop waits for a test's still-open transaction; at JVM exit that must not hang the build.
    private static final int DROP_LOCK_WAIT_SECONDS = 10;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestingMariaDb instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    private TestingMariaDb(String host, int port, String user, String password)
    {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestingMariaDb get()
    {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestingMariaDb start()
    {
        String url = System.getenv(URL_ENVIRONMENT_VARIABLE);
        if (url != null && !url.isBlank()) {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            String user = queryParameter(uri, "user", "root");
            String password = queryParameter(uri, "password", "");
            TestingMariaDb shared = new TestingMariaDb(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), user, password);
            shared.dropDatabasesOfEndedProcesses();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::dropRemainingDatabases, "drop-test-databases"));
            return shared;
        }
        EmbeddedMariaDb embedded = EmbeddedMariaDb.startTemporary(EmbeddedMariaDb.freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-test-mariadb"));
        return new TestingMariaDb("127.0.0.1", embedded.port(), "root", "");
    }

    private static String queryParameter(java.net.URI uri, String name, String defaultValue)
    {
        if (uri.getQuery() == null) {
            return defaultValue;
        }
        for (String pair : uri.getQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length > 1 ? parts[1] : "";
            }
        }
        return defaultValue;
    }

    /**
     * Creates an empty database with a unique name, migrated to the current schema, and returns its
     * JDBC URL.
     */
    public String newDatabaseUrl()
    {
        String name = NAME_PREFIX + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = serverConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            created.add(name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        String url = JdbcUrls.mysql(host, port, name);
        try (Database database = Database.connect(url, user, password, 2)) {
            Migrations.migrate(database.dataSource());
        }
        return url;
    }

    /**
     * A fresh migrated database with a small pool; close it when the test ends.
     */
    public Database newDatabase()
    {
        return Database.connect(newDatabaseUrl(), user, password, 8);
    }

    /**
     * Drops a database that {@link #newDatabaseUrl()} created, once its fixture has closed every
     * connection to it. A URL this class did not create is refused, so a test can never drop
     * anything else on a shared server.
     */
    public void dropDatabase(String url)
    {
        String name = created.stream()
                .filter(candidate -> url.equals(JdbcUrls.mysql(host, port, candidate)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a test database of this JVM: " + url));
        try (Connection connection = serverConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + DROP_LOCK_WAIT_SECONDS);
            statement.execute("DROP DATABASE IF EXISTS " + name);
            created.remove(name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private void dropRemainingDatabases()
    {
        for (String name : List.copyOf(created)) {
            try {
                dropDatabase(JdbcUrls.mysql(host, port, name));
            }
            catch (RuntimeException e) {
                // At JVM exit the logger may already be stopped; then a leftover goes unreported
                // and the next run's sweep of ended processes drops it.
                log.warn("Cannot drop test database {}: {}", name, e.getMessage());
            }
        }
    }

    /**
     * Drops the test databases whose JVM, on this machine, has ended without dropping them. Only
     * on a server at a loopback address: a process id says nothing about another machine's JVMs.
     */
    void dropDatabasesOfEndedProcesses()
    {
        if (!isLoopback(host)) {
            return;
        }
        try (Connection connection = serverConnection();
                Statement statement = connection.createStatement()) {
            List<String> orphans = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SHOW DATABASES LIKE 'iris\\_test\\_%'")) {
                while (names.next()) {
                    Matcher name = NAME.matcher(names.getString(1));
                    if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                        orphans.add(name.group());
                    }
                }
            }
            for (String orphan : orphans) {
                statement.execute("DROP DATABASE IF EXISTS " + orphan);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test databases of ended test runs: " + e.getMessage(), e);
        }
    }

    private static boolean isLoopback(String host)
    {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private Connection serverConnection()
            throws SQLException
    {
        return DriverManager.getConnection(JdbcUrls.mysql(host, port, ""), user, password);
    }

    public String user()
    {
        return user;
    }

    public String password()
    {
        return password;
    }
}
