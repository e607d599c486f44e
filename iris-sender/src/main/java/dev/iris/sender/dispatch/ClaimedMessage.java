package dev.iris.sender.dispatch;

import java.time.Instant;

/**
 * A message this sender moved to {@code sending}: it owns the send until {@code deadline}, and
 * records the outcome only while the row still carries its {@code attempt} number.
 *
 * @param batchSize how many messages this one stands for (1 unless it carries a batch)
 */
public record ClaimedMessage(
        MessageRow row,
        int attempt,
        int modeId,
        String mode,
        String destination,
        String batch,
        int batchSize,
        Instant deadline)
{
    public long id()
    {
        return row.id();
    }

    public ClaimedMessage withContact(int newModeId, String newMode, String newDestination)
    {
        return new ClaimedMessage(row, attempt, newModeId, newMode, newDestination, batch, batchSize, deadline);
    }
}
