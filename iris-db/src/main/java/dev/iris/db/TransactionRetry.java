package dev.iris.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one transaction-retry mechanism of Iris: every {@code inTransaction}/{@code useTransaction}
 * (and SqlObject {@code @Transaction}) on a Jdbi it is installed on runs again when the database
 * rolled the transaction back as a deadlock victim (MySQL/MariaDB error 1213) or after a lock
 * wait timeout (1205). Concurrent writers (API nodes, senders, heartbeat checkers) lock rows in
 * different orders, so an occasional deadlock is expected; the request that lost it must not
 * fail for that.
 *
 * <p>It is Jdbi's own {@link SerializableTransactionRunner}, which fits as it is:
 * <ul>
 *   <li>Connector/J reports both 1213 and 1205 with SQLState {@code 40001} (its error-number
 *       mapping turns the server's generic {@code HY000} for 1205 into {@code 40001}), the state
 *       the runner retries on;</li>
 *   <li>Jdbi's {@code Handle.inTransaction} only reaches the transaction handler for the
 *       outermost transaction (a nested call just runs inside it), so a nested transaction never
 *       retries on its own: the failure rolls up to the outermost one, which runs again whole;</li>
 *   <li>Jdbi rolls the failed attempt back before the next one starts.</li>
 * </ul>
 * What we add: a bounded number of attempts, a short pause with jitter between them so the
 * transactions that collided do not collide again in step, and one warning line per retry.
 *
 * <p>Every transaction callback therefore may run more than once: it must not have effects
 * outside the database that a second run would repeat (a message sent, a counter bumped).
 */
public final class TransactionRetry
{
    private static final Logger log = LoggerFactory.getLogger(TransactionRetry.class);

    /** Retries after the first attempt; six attempts in all. */
    static final int MAX_RETRIES = 5;
    private static final String ROLLED_BACK = "40001";
    private static final long MIN_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 50;

    private TransactionRetry() {}

    /**
     * Installs the retry on {@code jdbi} and returns it.
     */
    public static Jdbi install(Jdbi jdbi)
    {
        return install(jdbi, LocalTransactionHandler.binding());
    }

    /**
     * Installs the retry around transactions opened with {@code START TRANSACTION} on connections
     * left in autocommit ({@link ExplicitTransactionHandler}): one statement fewer per transaction
     * than Jdbi's own, which switches autocommit off and on.
     */
    public static Jdbi installExplicit(Jdbi jdbi)
    {
        return install(jdbi, new ExplicitTransactionHandler());
    }

    /**
     * Installs the retry around transactions that {@code transactions} opens and ends.
     */
    static Jdbi install(Jdbi jdbi, TransactionHandler transactions)
    {
        jdbi.setTransactionHandler(new SerializableTransactionRunner(transactions));
        jdbi.getConfig(SerializableTransactionRunner.Configuration.class)
                .setMaxRetries(MAX_RETRIES)
                .setSerializationFailureSqlState(ROLLED_BACK)
                .setOnFailure(TransactionRetry::beforeNextAttempt);
        return jdbi;
    }

    /**
     * Called by the runner after each rolled-back attempt, with all the failures so far; the
     * runner gives up (throws) after the last one without another attempt.
     */
    private static void beforeNextAttempt(List<Exception> failures)
    {
        int failed = failures.size();
        Exception last = failures.get(failed - 1);
        if (failed > MAX_RETRIES) {
            log.warn("Transaction rolled back {} times by the database ({}); giving up", failed, DatabaseFailures.describe(last));
            return;
        }
        // The statement and its arguments (in Jdbi's message) stay out of the log; the
        // database's reason is enough.
        log.warn("Transaction rolled back by the database ({}); attempt {} of {}", DatabaseFailures.describe(last), failed + 1, MAX_RETRIES + 1);
        try {
            // Longer after each failure, with jitter, so two colliding transactions drift apart.
            Thread.sleep(failed * ThreadLocalRandom.current().nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before retrying a rolled-back transaction", last);
        }
    }
}
