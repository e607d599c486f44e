package dev.iris.spi.rolelookup;

/**
 * A role lookup that could not reach or understand its source. The message is shown to people
 * (in the plan-creator fallback page and the audit log): say what failed, never a credential.
 */
public class RoleLookupException
        extends Exception
{
    public RoleLookupException(String message)
    {
        super(message);
    }

    public RoleLookupException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
