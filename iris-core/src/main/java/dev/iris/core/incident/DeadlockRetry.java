package dev.iris.core.incident;

import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a transaction again when MySQL picks it as a deadlock victim, as Iris does for incident
 * inserts: a claim locks the incident then its messages while the sender locks a message then its
 * incident, so a rare deadlock between the two is expected and harmless to retry.
 */
final class DeadlockRetry
{
    private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);
    private static final int MAX_ATTEMPTS = 10;

    private DeadlockRetry() {}

    static <T> T run(String what, Supplier<T> transaction)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            }
            catch (JdbiException e) {
                if (!isDeadlock(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.warn("Deadlock while {} (attempt {}/{}); retrying", what, attempt, MAX_ATTEMPTS);
                pause();
            }
        }
    }

    private static boolean isDeadlock(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    private static void pause()
    {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 100));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
