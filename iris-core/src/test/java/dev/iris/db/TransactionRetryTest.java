package dev.iris.db;

import dev.iris.testing.db.TestingMariaDb;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions on the Jdbi of {@link Database} run again when MariaDB rolls them back. A rollback
 * is either real (a lock wait timeout) or raised with {@code SIGNAL}, which reaches Connector/J
 * exactly as the server's own error does (same error number and SQLState).
 */
final class TransactionRetryTest
{
    private static final String DEADLOCK = "SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction', MYSQL_ERRNO = 1213";

    private Database database;
    private Jdbi jdbi;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE retry_probe (id INT PRIMARY KEY, attempt INT NOT NULL)");
            handle.execute("INSERT INTO retry_probe (id, attempt) VALUES (0, 0)");
        });
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void deadlockVictimRunsAgainAndCommitsOnce()
    {
        AtomicInteger attempts = new AtomicInteger();
        int result = jdbi.inTransaction(handle -> {
            int attempt = attempts.incrementAndGet();
            handle.execute("INSERT INTO retry_probe (id, attempt) VALUES (?, ?)", attempt, attempt);
            if (attempt < 3) {
                handle.execute(DEADLOCK);
            }
            return attempt;
        });

        assertThat(result).isEqualTo(3);
        // The two rolled-back attempts left nothing behind.
        assertThat(ids()).isEqualTo("0,3");
    }

    @Test
    void lockWaitTimeoutRunsAgain()
            throws Exception
    {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = holder.submit(() -> {
                try (Handle other = jdbi.open()) {
                    other.begin();
                    other.execute("UPDATE retry_probe SET attempt = -1 WHERE id = 0");
                    locked.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    other.rollback();
                }
                return null;
            });
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            AtomicInteger attempts = new AtomicInteger();
            jdbi.useTransaction(handle -> {
                if (attempts.incrementAndGet() == 2) {
                    release.countDown();
                }
                handle.execute("SET SESSION innodb_lock_wait_timeout = 1");
                handle.execute("UPDATE retry_probe SET attempt = ? WHERE id = 0", attempts.get());
            });

            assertThat(attempts.get()).isEqualTo(2);
            holding.get(30, TimeUnit.SECONDS);
        }
        finally {
            release.countDown();
            holder.shutdownNow();
        }
        int written = jdbi.withHandle(handle -> handle.createQuery("SELECT attempt FROM retry_probe WHERE id = 0").mapTo(Integer.class).one());
        assertThat(written).isEqualTo(2);
    }

    @Test
    void nestedTransactionDoesNotRetryOnItsOwnTheOutermostRunsAgainWhole()
    {
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();
        jdbi.useTransaction(handle -> {
            int attempt = outer.incrementAndGet();
            handle.execute("INSERT INTO retry_probe (id, attempt) VALUES (?, ?)", 10 + attempt, attempt);
            // A service called inside another service's transaction.
            jdbi.useTransaction(nested -> {
                inner.incrementAndGet();
                nested.execute("INSERT INTO retry_probe (id, attempt) VALUES (?, ?)", 20 + attempt, attempt);
                if (attempt == 1) {
                    nested.execute(DEADLOCK);
                }
            });
        });

        assertThat(outer.get()).isEqualTo(2);
        assertThat(inner.get()).isEqualTo(2);
        assertThat(ids()).isEqualTo("0,12,22");
    }

    @Test
    void givesUpAfterABoundedNumberOfAttempts()
    {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            attempts.incrementAndGet();
            handle.execute(DEADLOCK);
        })).isInstanceOf(JdbiException.class).hasMessageContaining("Deadlock found");

        assertThat(attempts.get()).isEqualTo(TransactionRetry.MAX_RETRIES + 1);
    }

    @Test
    void otherFailuresAreNotRetried()
    {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            attempts.incrementAndGet();
            handle.execute("INSERT INTO retry_probe (id, attempt) VALUES (0, 1)");
        })).isInstanceOf(JdbiException.class).hasMessageContaining("Duplicate entry");

        assertThat(attempts.get()).isEqualTo(1);
    }

    private String ids()
    {
        List<String> ids = jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM retry_probe ORDER BY id").mapTo(String.class).list());
        return String.join(",", ids);
    }
}
