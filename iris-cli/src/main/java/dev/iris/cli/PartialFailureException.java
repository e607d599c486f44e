package dev.iris.cli;

/**
 * A verb over several ids where the API refused some of them (each was reported as it happened).
 */
public final class PartialFailureException
        extends RuntimeException
{
    public PartialFailureException(String message)
    {
        super(message);
    }
}
