package dev.iris.sender.escalation;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.Optional;

/**
 * The idle escalation thread's one question, asked every poll interval. A SqlObject of its own:
 * Jdbi prepares every method of a SqlObject each time one is attached to a handle.
 */
public interface NextDueDao
{
    @SqlQuery("SELECT MIN(due_at) FROM escalation_work")
    Optional<Instant> nextDue();
}
