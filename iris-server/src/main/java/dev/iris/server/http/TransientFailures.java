package dev.iris.server.http;

import java.util.Optional;

/**
 * Recognises the failures that mean "try again later" rather than "this request is wrong" or
 * "Iris has a bug" (for a process with a database: the database is away or keeps rolling a
 * transaction back). {@link ErrorMappers} answers those with 503 and {@code Retry-After}.
 */
@FunctionalInterface
public interface TransientFailures
{
    /** For a process where nothing is transient (iris-relay has no database). */
    TransientFailures NONE = failure -> Optional.empty();

    /**
     * Why {@code failure} is temporary; empty when it is not.
     */
    Optional<Transient> classify(Throwable failure);

    /**
     * A temporary failure: {@code description} goes to the client, {@code reason} and
     * {@code detail} to the log (never a statement or bound values).
     */
    record Transient(String description, String reason, String detail) {}
}
