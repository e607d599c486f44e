package dev.iris.db;

/**
 * A database that cannot be used as configured, with a one-line explanation of what the operator
 * must do; commands print the message alone, without a stack trace.
 */
public final class DatabaseSetupException
        extends RuntimeException
{
    public DatabaseSetupException(String message)
    {
        super(message);
    }

    public DatabaseSetupException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
