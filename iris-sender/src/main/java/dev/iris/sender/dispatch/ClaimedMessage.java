package dev.iris.sender.dispatch;

import java.time.Instant;

/**
 * A message this sender moved to {@code sending}: it owns the send until {@code deadline}, and
 * records the outcome only while the row still carries its {@code attempt} number.
 *
 * @param batchSize how many messages this one stands for (1 unless it carries a batch)
 * @param replacementBody a body that replaces the rendered one (Iris's SMS template override for
 *        users in countries whose carriers block free text), or null
 * @param committed when the claim committed (from then on a claim of the incident may commit
 *        before the send starts), or null while the claim pass is still open
 */
public record ClaimedMessage(
        MessageRow row,
        int attempt,
        int modeId,
        String mode,
        String destination,
        String batch,
        int batchSize,
        Instant deadline,
        String replacementBody,
        Instant committed)
{
    public ClaimedMessage(MessageRow row, int attempt, int modeId, String mode, String destination, String batch, int batchSize, Instant deadline)
    {
        this(row, attempt, modeId, mode, destination, batch, batchSize, deadline, null, null);
    }

    public long id()
    {
        return row.id();
    }

    /**
     * The message in another mode; a replacement body belongs to the old mode and is dropped.
     */
    public ClaimedMessage withContact(int newModeId, String newMode, String newDestination)
    {
        return new ClaimedMessage(row, attempt, newModeId, newMode, newDestination, batch, batchSize, deadline, null, committed);
    }

    public ClaimedMessage withRow(MessageRow newRow)
    {
        return new ClaimedMessage(newRow, attempt, modeId, mode, destination, batch, batchSize, deadline, replacementBody, committed);
    }

    public ClaimedMessage withReplacementBody(String body)
    {
        return new ClaimedMessage(row, attempt, modeId, mode, destination, batch, batchSize, deadline, body, committed);
    }

    public ClaimedMessage committedAt(Instant when)
    {
        return new ClaimedMessage(row, attempt, modeId, mode, destination, batch, batchSize, deadline, replacementBody, when);
    }
}
