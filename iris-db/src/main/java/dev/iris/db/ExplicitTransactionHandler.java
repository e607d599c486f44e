package dev.iris.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Transactions opened with {@code START TRANSACTION} and ended with {@code COMMIT} or
 * {@code ROLLBACK} on a connection that stays in autocommit mode. Jdbi's own handler switches
 * autocommit off and on again around each transaction, which Connector/J sends as two
 * {@code SET autocommit} statements; this one sends one statement fewer per transaction and
 * leaves the connection as the pool expects it. The transaction itself is the same: InnoDB
 * starts it at the first statement either way, at the session's isolation level.
 *
 * <p>Nested {@code inTransaction} calls run inside the open transaction, as with Jdbi's handler.
 * A transaction at an isolation level other than the session's is preceded by
 * {@code SET TRANSACTION ISOLATION LEVEL}, which applies to that one transaction only, so nothing
 * needs to be switched back; a process whose transactions all run at one level opens its pool at
 * that level and sends nothing extra. Savepoints are the server's own ({@code SAVEPOINT},
 * {@code ROLLBACK TO SAVEPOINT}, {@code RELEASE SAVEPOINT}). Transaction callbacks
 * ({@code afterCommit}) are not supported.
 *
 * <p>A transaction that fails is rolled back before the connection goes back to the pool; if even
 * the rollback fails, the connection is aborted so the pool drops it instead of handing an open
 * transaction to the next caller.
 */
final class ExplicitTransactionHandler
        implements TransactionHandler
{
    private static final String START = "START TRANSACTION";
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";
    private static final Pattern SAVEPOINT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    // The handler is shared by every handle (the retrying runner does not specialize it): each
    // handle with an open transaction, and the level that transaction runs at.
    private final Map<Handle, TransactionIsolationLevel> open = new ConcurrentHashMap<>();

    @Override
    public void begin(Handle handle)
    {
        begin(handle, handle.getTransactionIsolationLevel());
    }

    private void begin(Handle handle, TransactionIsolationLevel level)
    {
        execute(handle, START);
        open.put(handle, level);
    }

    @Override
    public void commit(Handle handle)
    {
        try {
            execute(handle, COMMIT);
        }
        finally {
            open.remove(handle);
        }
    }

    @Override
    public void rollback(Handle handle)
    {
        open.remove(handle);
        try {
            execute(handle, ROLLBACK);
        }
        catch (TransactionException e) {
            try {
                // Never return a connection that may still hold the transaction to the pool:
                // the pool drops an aborted connection when it comes back.
                handle.getConnection().abort(Runnable::run);
            }
            catch (SQLException | RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public boolean isInTransaction(Handle handle)
    {
        return open.containsKey(handle);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback)
            throws X
    {
        return inTransaction(handle, TransactionIsolationLevel.UNKNOWN, callback);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback)
            throws X
    {
        TransactionIsolationLevel running = open.get(handle);
        if (running != null) {
            // As Jdbi's handler: a transaction's level cannot change once it runs.
            if (level != TransactionIsolationLevel.UNKNOWN && level != running) {
                throw new TransactionException("Tried to run a nested transaction at " + level + " inside one at " + running);
            }
            return callback.withHandle(handle);
        }
        // Connector/J keeps the session's level locally: reading it sends nothing.
        TransactionIsolationLevel session = handle.getTransactionIsolationLevel();
        TransactionIsolationLevel wanted = level == TransactionIsolationLevel.UNKNOWN ? session : level;
        if (wanted != session) {
            execute(handle, "SET TRANSACTION ISOLATION LEVEL " + wanted.name().replace('_', ' '));
        }
        begin(handle, wanted);
        boolean committed = false;
        try {
            R result = callback.withHandle(handle);
            commit(handle);
            committed = true;
            return result;
        }
        catch (Throwable failure) {
            if (!committed) {
                try {
                    // Also after a failed COMMIT: the server may have left the transaction open.
                    rollback(handle);
                }
                catch (RuntimeException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
            }
            throw failure;
        }
    }

    @Override
    public void savepoint(Handle handle, String name)
    {
        execute(handle, "SAVEPOINT " + identifier(name));
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name)
    {
        execute(handle, "ROLLBACK TO SAVEPOINT " + identifier(name));
    }

    @Override
    public void releaseSavepoint(Handle handle, String name)
    {
        execute(handle, "RELEASE SAVEPOINT " + identifier(name));
    }

    /**
     * A savepoint's name, which goes into the statement's text: the code's own names, never input.
     */
    private static String identifier(String name)
    {
        if (!SAVEPOINT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a savepoint name: " + name);
        }
        return name;
    }

    private static void execute(Handle handle, String sql)
    {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new TransactionException(sql + " failed", e);
        }
    }
}
