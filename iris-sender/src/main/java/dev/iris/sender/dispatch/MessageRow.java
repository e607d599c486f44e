package dev.iris.sender.dispatch;

import java.time.Instant;

/**
 * A message row as the dispatcher reads it when it claims the message, joined with the names it
 * needs.
 *
 * @param recipients the To and Bcc lists of a multi-recipient email as JSON
 *        ({@link dev.iris.core.message.EmailRecipients}), or null
 * @param firstAttemptAt when the message first moved to sending (null before that)
 * @param modeSince when its current mode was first tried (null before the first attempt)
 * @param modesTried the modes it already failed in, comma-separated, or null
 * @param noticeOf for a notice about an undeliverable page, that page's id; otherwise null
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
        String recipients,
        Instant firstAttemptAt,
        Instant modeSince,
        String modesTried,
        Long noticeOf)
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
                incidentCreated, incidentContext, planNotificationId, template, step, round, created, recipients, firstAttemptAt,
                modeSince, modesTried, noticeOf);
    }

    /**
     * The same row as it stands once an attempt starts at {@code now}: the first attempt starts
     * the delivery budget and the mode's clock.
     */
    public MessageRow attemptedAt(Instant now)
    {
        if (firstAttemptAt != null && modeSince != null) {
            return this;
        }
        return new MessageRow(id, batch, status, attempts, applicationId, applicationName, targetId, targetName, targetType,
                destination, modeId, planId, planName, priorityId, priorityName, categoryId, subject, body, incidentId,
                incidentCreated, incidentContext, planNotificationId, template, step, round, created, recipients,
                firstAttemptAt == null ? now : firstAttemptAt, modeSince == null ? now : modeSince, modesTried, noticeOf);
    }

    /**
     * The same row after it left {@code failedMode} for another mode at {@code now}.
     */
    public MessageRow leftMode(String failedMode, Instant now)
    {
        return new MessageRow(id, batch, status, attempts, applicationId, applicationName, targetId, targetName, targetType,
                destination, modeId, planId, planName, priorityId, priorityName, categoryId, subject, body, incidentId,
                incidentCreated, incidentContext, planNotificationId, template, step, round, created, recipients, firstAttemptAt,
                now, ModesTried.add(modesTried, failedMode), noticeOf);
    }

    public boolean isHeldInBatch()
    {
        return "queued".equals(status) && batch != null;
    }
}
