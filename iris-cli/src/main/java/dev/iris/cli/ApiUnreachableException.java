package dev.iris.cli;

/**
 * No answer from the API: connection refused, timeout, unknown host.
 */
public final class ApiUnreachableException
        extends RuntimeException
{
    public ApiUnreachableException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
