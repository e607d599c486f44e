package dev.iris.db;

import dev.iris.server.http.TransientFailures;
import org.jdbi.v3.core.ConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Recognises the database failures that say "try again later" rather than "this request is
 * wrong" or "Iris has a bug", wherever they are wrapped (Jdbi, Jersey, our own exceptions).
 */
public final class DatabaseFailures
{
    /** SQLState class of connection exceptions (Connector/J's communications failure is 08S01). */
    private static final String CONNECTION_STATE_CLASS = "08";
    /** A transaction the database rolled back (deadlock, lock wait timeout). */
    private static final String ROLLED_BACK_STATE = "40001";

    /**
     * For the error mappers: a database away or busy is answered with 503 and Retry-After,
     * wherever it happened (the authentication filter included), never with a 401 or a 500,
     * which clients treat as final.
     */
    public static final TransientFailures TRANSIENT = failure -> {
        if (isUnavailable(failure)) {
            return Optional.of(new TransientFailures.Transient("The database is unavailable; try again later", "Database unavailable", describe(failure)));
        }
        if (isRolledBack(failure)) {
            return Optional.of(new TransientFailures.Transient("The database is busy; try again later", "Transaction kept being rolled back", describe(failure)));
        }
        return Optional.empty();
    };

    private DatabaseFailures() {}

    /**
     * No connection to the database: the pool timed out waiting for one (Hikari's
     * {@link SQLTransientConnectionException}), the server cannot be reached or dropped the
     * connection (SQLState class 08), or Jdbi could not open a handle.
     */
    public static boolean isUnavailable(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_STATE_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A transaction the database kept rolling back (deadlock, lock wait timeout) after
     * {@link TransactionRetry} gave up.
     */
    public static boolean isRolledBack(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ROLLED_BACK_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database driver's or pool's own words for the failure, for a log line: no statement,
     * no bound values.
     */
    public static String describe(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + "): " + sql.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
