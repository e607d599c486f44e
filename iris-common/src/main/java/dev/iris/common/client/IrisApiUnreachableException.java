package dev.iris.common.client;

/**
 * No answer from the Iris API: connection refused, unknown host, or no answer in time. After a
 * {@link #timedOut() time-out} the request may still have been processed.
 */
public final class IrisApiUnreachableException
        extends RuntimeException
{
    private final boolean timedOut;

    public IrisApiUnreachableException(String message, boolean timedOut, Throwable cause)
    {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /**
     * The request was sent but no answer came in time.
     */
    public boolean timedOut()
    {
        return timedOut;
    }
}
