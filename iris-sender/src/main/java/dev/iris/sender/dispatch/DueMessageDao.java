package dev.iris.sender.dispatch;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;

/**
 * Where a claim finds its candidates ({@link ClaimDao#lockQueued} and
 * {@link ClaimDao#lockExpiredSends} then lock them). Small on purpose: Jdbi prepares every
 * method of a SqlObject each time one is attached to a handle, and a sender looks for due
 * messages many times a second.
 */
public interface DueMessageDao
{
    /*
     * A claim is two statements: the due messages by a plain (consistent, lock-free) read, then
     * those of them still due locked one by one through the primary key, skipping any another
     * pass holds. With a single locking scan of the status index, recording sends waited on claim
     * passes: in the whole-path benchmark (a storm to one person, four dispatch threads) the sent
     * UPDATE spent 16-140 ms per message waiting, and INNODB_LOCK_WAITS showed it blocked on a
     * message record held by a claim pass that had not claimed that message (most likely locked
     * behind a stale index entry of a message already moved on to sending; a test on a small
     * table did not reproduce it). With the two statements those waits are gone.
     */

    /**
     * Up to {@code limit} queued messages due at {@code now}, oldest due first; locks nothing.
     */
    @SqlQuery("""
            SELECT id FROM message
            WHERE `status` = 'queued' AND next_attempt_at <= :now
            ORDER BY next_attempt_at
            LIMIT :limit""")
    List<Long> dueQueued(@Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Sends whose deadline passed (a sender died mid-send, or a retry's backoff is over); locks
     * nothing.
     */
    @SqlQuery("""
            SELECT id FROM message
            WHERE `status` = 'sending' AND send_deadline <= :now
            ORDER BY send_deadline
            LIMIT :limit""")
    List<Long> expiredSends(@Bind("now") Instant now, @Bind("limit") int limit);
}
