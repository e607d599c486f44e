package dev.iris.db;

import dev.iris.testing.db.TestingMariaDb;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code db migrate} on a new server: the database is created when it is missing, and without the
 * right to create it the operator gets one line saying what to run.
 */
final class DatabaseCreatorTest
{
    private static final List<String> HOSTS = List.of("%", "localhost", "127.0.0.1");

    private String server;
    private String name;

    @BeforeEach
    void setUp()
    {
        Matcher url = Pattern.compile("jdbc:mysql://([^/]+)/").matcher(TestingMariaDb.get().newDatabaseUrl());
        assertThat(url.find()).isTrue();
        server = url.group(1);
        name = "iris_created_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    }

    @Test
    void createsAMissingDatabaseOnceThenFindsIt()
            throws SQLException
    {
        TestingMariaDb db = TestingMariaDb.get();
        String url = "jdbc:mysql://" + server + "/" + name;
        try {
            assertThat(DatabaseCreator.ensureExists(url, db.user(), db.password())).isEqualTo(DatabaseCreator.Outcome.CREATED);
            assertThat(DatabaseCreator.ensureExists(url, db.user(), db.password())).isEqualTo(DatabaseCreator.Outcome.EXISTED);
            try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(url), db.user(), db.password());
                    Statement statement = connection.createStatement();
                    var charset = statement.executeQuery("SELECT @@character_set_database")) {
                charset.next();
                assertThat(charset.getString(1)).isEqualTo("utf8mb4");
            }
        }
        finally {
            asRoot("DROP DATABASE IF EXISTS " + name);
        }
    }

    @Test
    void withoutTheRightToCreateItSaysWhatToRun()
            throws SQLException
    {
        String user = "iris_nocreate_" + ProcessHandle.current().pid();
        try {
            for (String host : HOSTS) {
                asRoot("CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "' IDENTIFIED BY 'secret-pw'");
            }
        }
        catch (SQLException e) {
            // The embedded test server runs without grant tables, so it has no unprivileged users;
            // this runs against a real server (IRIS_TEST_DB_URL), and the fault suite checks the
            // same message on its own server process.
            Assumptions.assumeFalse(e.getMessage().contains("skip-grant-tables"), "the server has no grant tables");
            throw e;
        }
        try {
            assertThatThrownBy(() -> DatabaseCreator.ensureExists("jdbc:mysql://" + server + "/" + name, user, "secret-pw"))
                    .isInstanceOf(DatabaseSetupException.class)
                    .hasMessage(("Database '%s' is missing or user '%s' may not use it, and '%s' may not create it; "
                            + "as a MySQL administrator run: CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; "
                            + "GRANT ALL ON `%s`.* TO '%s'@'%%';")
                            .formatted(name, user, user, name, name, user))
                    .message().doesNotContain("secret-pw");
        }
        finally {
            for (String host : HOSTS) {
                asRoot("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
    }

    @Test
    void anUnreachableServerIsOneLine()
            throws Exception
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> DatabaseCreator.ensureExists("jdbc:mysql://127.0.0.1:" + port + "/iris", "iris", "pw"))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageStartingWith("Cannot reach the database server at 127.0.0.1:" + port + ": ")
                .message().doesNotContain("\n");
    }

    @Test
    void aUrlWithoutADatabaseIsRefused()
    {
        assertThatThrownBy(() -> DatabaseCreator.ensureExists("jdbc:mysql://" + server + "/", "root", ""))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("must name a database");
    }

    private void asRoot(String sql)
            throws SQLException
    {
        TestingMariaDb db = TestingMariaDb.get();
        try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults("jdbc:mysql://" + server + "/"), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
