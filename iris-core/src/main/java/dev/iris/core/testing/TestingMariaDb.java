package dev.iris.core.testing;

import dev.iris.core.db.Database;
import dev.iris.core.db.EmbeddedMariaDb;
import dev.iris.core.db.JdbcUrls;
import dev.iris.core.db.Migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real MariaDB that tests run against: the server named by {@code IRIS_TEST_DB_URL} (for
 * example {@code jdbc:mysql://127.0.0.1:3306/?user=root}) when it is set, otherwise one embedded
 * MariaDB per JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Each call to {@link #newDatabase()} creates a fresh, uniquely named database and builds its
 * schema with the production Flyway migrations, so tests are isolated without truncating.
 */
public final class TestingMariaDb
{
    public static final String URL_ENVIRONMENT_VARIABLE = "IRIS_TEST_DB_URL";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestingMariaDb instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;

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
            return new TestingMariaDb(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), user, password);
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
        String name = "iris_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(JdbcUrls.mysql(host, port, ""), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
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

    public String user()
    {
        return user;
    }

    public String password()
    {
        return password;
    }
}
