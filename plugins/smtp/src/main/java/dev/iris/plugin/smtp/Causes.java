package dev.iris.plugin.smtp;

import jakarta.mail.MessagingException;

import java.util.Optional;

/**
 * Walks a Jakarta Mail failure's chain of causes. Jakarta Mail nests the interesting exception
 * (the socket's, the TLS handshake's) in {@link MessagingException#getNextException()} as well
 * as in {@link Throwable#getCause()}; both are followed.
 */
final class Causes
{
    private Causes() {}

    /**
     * The first exception of the given type in the chain, starting with {@code throwable} itself.
     */
    static <T extends Throwable> Optional<T> find(Throwable throwable, Class<T> type)
    {
        Throwable current = throwable;
        for (int depth = 0; current != null && depth < 32; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = next(current);
        }
        return Optional.empty();
    }

    /**
     * The innermost exception of the chain.
     */
    static Throwable root(Throwable throwable)
    {
        Throwable current = throwable;
        for (int depth = 0; depth < 32; depth++) {
            Throwable next = next(current);
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static Throwable next(Throwable throwable)
    {
        return throwable instanceof MessagingException messaging && messaging.getNextException() != null
                ? messaging.getNextException()
                : throwable.getCause();
    }
}
