package dev.iris.sender.dispatch;

import java.time.Instant;

/**
 * A message row as the dispatcher reads it when it claims the message, joined with the names it
 * needs.
 */
public record MessageRow(
        long id,
        String batch,
        String status,
        int attempts,
        int applicationId,
        String applicationName,
        Long targetId,
        String targetName,
        String targetType,
        String destination,
        Integer modeId,
        Long planId,
        String planName,
        Integer priorityId,
        String priorityName,
        Integer categoryId,
        String subject,
        String body,
        Long incidentId,
        Instant incidentCreated,
        String incidentContext,
        Long planNotificationId,
        String template,
        Integer step,
        Integer round,
        Instant created)
{
    public boolean isFirstAttempt()
    {
        return "queued".equals(status) && attempts == 0;
    }

    public boolean isHeldInBatch()
    {
        return "queued".equals(status) && batch != null;
    }
}
