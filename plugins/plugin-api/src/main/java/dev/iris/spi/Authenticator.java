package dev.iris.spi;

/**
 * Checks a username and password for the web UI. Implementations are thread-safe.
 */
public interface Authenticator
        extends AutoCloseable
{
    /**
     * @return {@code true} when the password is right for that user. Must not throw for a wrong
     *         password; throws {@link IllegalStateException} when the backing service cannot be
     *         reached, so the UI can say "try again" instead of "wrong password".
     */
    boolean authenticate(String username, char[] password);

    @Override
    default void close() {}
}
