package dev.iris.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.iris.server.logging.QuerySecrets;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/**
 * One process's connection to Iris's database: the Hikari pool and the {@link Jdbi} built on it, whose transactions run again when the database
 * rolls them back for a deadlock ({@link TransactionRetry}).
 *
 * <p>Every connection runs in UTC and under MySQL 8's default {@code sql_mode}
 * (ONLY_FULL_GROUP_BY and strict), whatever the server's own defaults, so a query that works in
 * development works on any production MySQL.
 */
public final class Database
        implements Managed, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static final String SESSION_SETTINGS = "SET time_zone = '+00:00', sql_mode = "
            + "'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Jdbi explicitTransactionJdbi;

    private Database(HikariDataSource dataSource)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.jdbi = TransactionRetry.install(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
        this.explicitTransactionJdbi = TransactionRetry.installExplicit(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /**
     * Connects as {@code config} says. {@code poolName} shows in metrics and thread names.
     *
     * @throws DatabaseSetupException when no URL is configured or the database cannot be reached
     */
    public static Database open(DatabaseConfig config, String poolName)
    {
        return open(config, poolName, null);
    }

    /**
     * As {@link #open(DatabaseConfig, String)}, with connections that start in the given
     * isolation level (null: the server's default). A process whose transactions all run at one
     * level should say so here: then Jdbi finds the connection already at that level and sends
     * no statements to switch it and back.
     */
    public static Database open(DatabaseConfig config, String poolName, TransactionIsolationLevel isolation)
    {
        String url = JdbcUrls.withDefaults(config.requiredUrl());
        return new Database(pool(url, config.getUser(), config.getPassword(), config.getMaxPoolSize(), config.getConnectionTimeout().toMilliseconds(),
                poolName, isolation));
    }

    /**
     * Connects to a URL directly (tests, tools).
     */
    public static Database connect(String url, String user, String password, int maxPoolSize)
    {
        return connect(url, user, password, maxPoolSize, null);
    }

    /**
     * Connects to a URL directly, with connections that start in the given isolation level.
     */
    public static Database connect(String url, String user, String password, int maxPoolSize, TransactionIsolationLevel isolation)
    {
        return new Database(pool(JdbcUrls.withDefaults(url), user, password, maxPoolSize,
                DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT.toMilliseconds(), "iris", isolation));
    }

    private static HikariDataSource pool(String url, String user, String password, int maxPoolSize, long connectionTimeoutMillis,
            String poolName, TransactionIsolationLevel isolation)
    {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setMinimumIdle(Math.min(2, maxPoolSize));
        hikari.setPoolName(poolName);
        hikari.setConnectionInitSql(SESSION_SETTINGS);
        if (isolation != null) {
            hikari.setTransactionIsolation("TRANSACTION_" + isolation.name());
        }
        // A request waiting for a connection fails after this (503 + Retry-After from the API).
        hikari.setConnectionTimeout(connectionTimeoutMillis);
        // Fail at startup, not at the first request, when the database is unreachable.
        hikari.setInitializationFailTimeout(30_000);
        log.info("Connecting pool {} to {}", poolName, redact(url));
        try {
            return new HikariDataSource(hikari);
        }
        catch (HikariPool.PoolInitializationException e) {
            throw explain(e);
        }
    }

    /**
     * Says in one line why a process cannot start on its database (the pool's own exception is a
     * stack trace whose cause is several levels down).
     */
    private static DatabaseSetupException explain(HikariPool.PoolInitializationException failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == 1049) {
                return new DatabaseSetupException(DatabaseCreator.firstLine(sql.getMessage())
                        + ": create it and its schema with './iris db migrate <api config>' first", failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new DatabaseSetupException("Cannot connect to the database: " + DatabaseCreator.firstLine(root.getMessage()), failure);
    }

    /** Drops any password that an operator put into the URL before it reaches a log. */
    static String redact(String url)
    {
        return QuerySecrets.redact(url);
    }

    public Jdbi jdbi()
    {
        return jdbi;
    }

    /**
     * A Jdbi on the same pool whose transactions send {@code START TRANSACTION} instead of
     * switching autocommit off and on ({@link ExplicitTransactionHandler}): one statement fewer
     * per transaction, for hot paths such as the trigger. Deadlocks are retried as with
     * {@link #jdbi()}.
     */
    public Jdbi explicitTransactionJdbi()
    {
        return explicitTransactionJdbi;
    }

    public DataSource dataSource()
    {
        return dataSource;
    }

    @Override
    public void start() {}

    @Override
    public void stop()
    {
        close();
    }

    @Override
    public void close()
    {
        dataSource.close();
    }
}
