package dev.iris.db;

import dev.iris.testing.db.TestingMariaDb;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions of {@link Database#explicitTransactionJdbi()}: opened with START TRANSACTION on a
 * connection that stays in autocommit mode, with the same all-or-nothing outcome and deadlock
 * retry as Jdbi's own transactions, and never leaving a transaction open on a pooled connection.
 */
final class ExplicitTransactionHandlerTest
{
    private static final String DEADLOCK = "SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction', MYSQL_ERRNO = 1213";

    private Database database;
    private Jdbi jdbi;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.explicitTransactionJdbi();
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE probe (id INT PRIMARY KEY)"));
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    private String ids()
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') FROM probe")
                .mapTo(String.class).one());
    }

    private static boolean inServerTransaction(Handle handle)
    {
        return handle.createQuery("SELECT @@in_transaction").mapTo(Integer.class).one() == 1;
    }

    @Test
    void commitsAndLeavesTheConnectionInAutocommit()
            throws Exception
    {
        jdbi.useHandle(handle -> {
            int result = handle.inTransaction(inner -> {
                inner.execute("INSERT INTO probe (id) VALUES (1)");
                inner.execute("INSERT INTO probe (id) VALUES (2)");
                assertThat(inner.isInTransaction()).isTrue();
                assertThat(inServerTransaction(inner)).isTrue();
                return 7;
            });
            assertThat(result).isEqualTo(7);
            assertThat(handle.isInTransaction()).isFalse();
            assertThat(inServerTransaction(handle)).isFalse();
            assertThat(handle.getConnection().getAutoCommit()).isTrue();
        });
        assertThat(ids()).isEqualTo("1,2");
    }

    @Test
    void aFailureRollsEverythingBack()
    {
        jdbi.useHandle(handle -> {
            assertThatThrownBy(() -> handle.useTransaction(inner -> {
                inner.execute("INSERT INTO probe (id) VALUES (1)");
                // Nested transactions run inside the open one.
                inner.useTransaction(nested -> nested.execute("INSERT INTO probe (id) VALUES (2)"));
                throw new IllegalStateException("refused");
            })).isInstanceOf(IllegalStateException.class).hasMessage("refused");
            assertThat(handle.isInTransaction()).isFalse();
            assertThat(inServerTransaction(handle)).isFalse();
        });
        assertThat(ids()).isEmpty();
    }

    @Test
    void aFailedStatementRollsBackTheEarlierOnes()
    {
        jdbi.useHandle(handle -> handle.execute("INSERT INTO probe (id) VALUES (5)"));
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO probe (id) VALUES (1)");
            handle.execute("INSERT INTO probe (id) VALUES (5)");
        })).hasMessageContaining("Duplicate entry");
        assertThat(ids()).isEqualTo("5");
    }

    @Test
    void deadlockVictimRunsAgainAndCommitsOnce()
    {
        AtomicInteger attempts = new AtomicInteger();
        int result = jdbi.inTransaction(handle -> {
            int attempt = attempts.incrementAndGet();
            handle.execute("INSERT INTO probe (id) VALUES (?)", attempt);
            if (attempt < 3) {
                handle.execute(DEADLOCK);
            }
            return attempt;
        });
        assertThat(result).isEqualTo(3);
        assertThat(ids()).isEqualTo("3");
    }

    @Test
    void aHandleClosedInsideATransactionRollsItBack()
    {
        Handle handle = jdbi.open();
        handle.begin();
        handle.execute("INSERT INTO probe (id) VALUES (1)");
        // Jdbi refuses to close a handle with an open transaction, after rolling it back.
        assertThatThrownBy(handle::close).hasMessageContaining("transaction");
        assertThat(ids()).isEmpty();
    }

    @Test
    void aRollbackToASavepointUndoesOnlyWhatCameAfterIt()
    {
        jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO probe (id) VALUES (1)");
            handle.savepoint("before_two");
            handle.execute("INSERT INTO probe (id) VALUES (2)");
            handle.rollbackToSavepoint("before_two");
            handle.savepoint("before_three");
            handle.execute("INSERT INTO probe (id) VALUES (3)");
            handle.releaseSavepoint("before_three");
            assertThat(inServerTransaction(handle)).isTrue();
        });
        assertThat(ids()).isEqualTo("1,3");
    }

    @Test
    void savepointNamesAreIdentifiersOnly()
    {
        jdbi.useHandle(handle -> assertThatThrownBy(() -> handle.useTransaction(inner -> inner.savepoint("x; COMMIT")))
                .isInstanceOf(IllegalArgumentException.class));
        assertThat(ids()).isEmpty();
    }

    /**
     * The session runs at the server's default, REPEATABLE READ: a transaction asked for at READ
     * COMMITTED sees a row another connection commits while it runs, and the next transaction is
     * back at the session's level (a snapshot that does not see it).
     */
    @Test
    void aTransactionAtAnotherLevelRunsAtItAndTheNextOneAtTheSessions()
    {
        jdbi.useHandle(handle -> {
            assertThat(handle.getTransactionIsolationLevel()).isEqualTo(TransactionIsolationLevel.REPEATABLE_READ);
            int seen = handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, inner -> {
                count(inner);
                insertElsewhere(1);
                // A nested transaction at the running one's level joins it; at another, it is refused.
                int nested = inner.inTransaction(TransactionIsolationLevel.READ_COMMITTED, ExplicitTransactionHandlerTest::count);
                assertThatThrownBy(() -> inner.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, again -> {}))
                        .hasMessageContaining("nested transaction");
                assertThat(nested).isEqualTo(count(inner));
                return count(inner);
            });
            assertThat(seen).isEqualTo(1);
            int seenAtTheSessionsLevel = handle.inTransaction(inner -> {
                count(inner);
                insertElsewhere(2);
                return count(inner);
            });
            assertThat(seenAtTheSessionsLevel).isEqualTo(1);
            assertThat(handle.getTransactionIsolationLevel()).isEqualTo(TransactionIsolationLevel.REPEATABLE_READ);
        });
        assertThat(ids()).isEqualTo("1,2");
    }

    private static int count(Handle handle)
    {
        return handle.createQuery("SELECT COUNT(*) FROM probe").mapTo(Integer.class).one();
    }

    private void insertElsewhere(int id)
    {
        database.jdbi().useHandle(other -> other.execute("INSERT INTO probe (id) VALUES (?)", id));
    }
}
