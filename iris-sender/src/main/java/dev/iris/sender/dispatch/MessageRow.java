package dev.iris.sender.dispatch;

import java.time.Instant;

/**
 * A message row as the dispatcher reads it when it claims the message, joined with the names it
 * needs.
 *
 * @param recipients the To and Bcc lists of a multi-recipient email as JSON
 *        ({@link dev.iris.core.message.EmailRecipients}), or null
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
        Instant created,
        String recipients)
{
    public boolean isFirstAttempt()
    {
        return "queued".equals(status) && attempts == 0;
    }

    /**
     * The same row with another stored body (the prefix rendered templates follow).
     */
    public MessageRow withBody(String newBody)
    {
        return new MessageRow(id, batch, status, attempts, applicationId, applicationName, targetId, targetName, targetType,
                destination, modeId, planId, planName, priorityId, priorityName, categoryId, subject, newBody, incidentId,
                incidentCreated, incidentContext, planNotificationId, template, step, round, created, recipients);
    }

    public boolean isHeldInBatch()
    {
        return "queued".equals(status) && batch != null;
    }
}
