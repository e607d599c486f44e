package dev.iris.relay.api;

/**
 * The API could not be reached or did not answer in time; the request may or may not have been
 * processed when {@link #timedOut()}.
 */
public final class ApiUnavailableException
        extends Exception
{
    private final boolean timedOut;

    public ApiUnavailableException(String message, boolean timedOut, Throwable cause)
    {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut()
    {
        return timedOut;
    }
}
