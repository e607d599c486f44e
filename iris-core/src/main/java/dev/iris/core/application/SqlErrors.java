package dev.iris.core.application;

import dev.iris.common.http.IrisException;
import org.jdbi.v3.core.JdbiException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Recognises the database errors that mean "bad input" rather than "server fault".
 */
public final class SqlErrors
{
    private SqlErrors() {}

    /**
     * A constraint violation (duplicate key, row still referenced): SQLSTATE class 23.
     */
    public static boolean isConstraintViolation(Throwable failure)
    {
        return hasSqlStateClass(failure, "23");
    }

    /**
     * A value the column cannot hold (too long, out of range): SQLSTATE class 22.
     */
    public static boolean isDataError(Throwable failure)
    {
        return hasSqlStateClass(failure, "22");
    }

    /**
     * Runs a write; a value the schema cannot hold becomes 400 {@code Invalid value} instead of
     * a server error.
     */
    public static <T> T rejectingBadValues(Supplier<T> write)
    {
        try {
            return write.get();
        }
        catch (JdbiException e) {
            if (isDataError(e)) {
                throw IrisException.badRequest("Invalid value", "A value is too long or out of range");
            }
            throw e;
        }
    }

    public static void rejectingBadValues(Runnable write)
    {
        rejectingBadValues(() -> {
            write.run();
            return null;
        });
    }

    private static boolean hasSqlStateClass(Throwable failure, String stateClass)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(stateClass)) {
                return true;
            }
        }
        return false;
    }
}
