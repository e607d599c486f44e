package dev.iris.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transactions opened with {@code START TRANSACTION} and ended with {@code COMMIT} or
 * {@code ROLLBACK} on a connection that stays in autocommit mode. Jdbi's own handler switches
 * autocommit off and on again around each transaction, which Connector/J sends as two
 * {@code SET autocommit} statements; this one sends one statement fewer per transaction and
 * leaves the connection as the pool expects it. The transaction itself is the same: InnoDB
 * starts it at the first statement either way, at the session's isolation level.
 *
 * <p>Nested {@code inTransaction} calls run inside the open transaction, as with Jdbi's handler.
 * Savepoints, other isolation levels and transaction callbacks are not supported: the handler is
 * for short hot-path transactions ({@link Database#explicitTransactionJdbi()}).
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

    // The handler is shared by every handle (the retrying runner does not specialize it).
    private final Set<Handle> open = ConcurrentHashMap.newKeySet();

    @Override
    public void begin(Handle handle)
    {
        execute(handle, START);
        open.add(handle);
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
        return open.contains(handle);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback)
            throws X
    {
        if (isInTransaction(handle)) {
            return callback.withHandle(handle);
        }
        begin(handle);
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
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback)
            throws X
    {
        throw new UnsupportedOperationException("explicit transactions run at the session's isolation level");
    }

    @Override
    public void savepoint(Handle handle, String name)
    {
        throw new UnsupportedOperationException("explicit transactions have no savepoints");
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name)
    {
        throw new UnsupportedOperationException("explicit transactions have no savepoints");
    }

    @Override
    public void releaseSavepoint(Handle handle, String name)
    {
        throw new UnsupportedOperationException("explicit transactions have no savepoints");
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
