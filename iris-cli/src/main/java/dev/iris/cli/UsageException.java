package dev.iris.cli;

/**
 * The command line or a file it names is wrong (unreadable file, invalid YAML, bad key=value).
 * Exits with {@link ExitCodes#USAGE}.
 */
public final class UsageException
        extends RuntimeException
{
    public UsageException(String message)
    {
        super(message);
    }

    public UsageException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
