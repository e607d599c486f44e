package dev.iris.sender.dispatch;

import dev.iris.sender.escalation.PlanCache;
import dev.iris.sender.metrics.SenderMetrics;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Says so where people look when a page finally cannot be delivered: the message's audit log
 * (shown on its page), a {@code undelivered} event on the incident's timeline, the
 * {@code iris.sender.undeliverable.<mode>} counter, and a notice to the plan's creator, who can
 * fix the person's contacts or the vendor. A notice that itself cannot be delivered raises no
 * further notice.
 *
 * <p>Runs inside the transaction that marks the message failed, so the notice is as durable as
 * the failure.
 */
final class UndeliverablePages
{
    private static final Logger log = LoggerFactory.getLogger(UndeliverablePages.class);
    private static final int MAX_EVENT_DESCRIPTION = 2048;
    /** The mode of a page for which no mode could be chosen. */
    static final String NO_MODE = "none";

    private final PlanCache plans;
    private final SenderMetrics metrics;
    private final String senderApplication;

    UndeliverablePages(PlanCache plans, SenderMetrics metrics, String senderApplication)
    {
        this.plans = requireNonNull(plans, "plans is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.senderApplication = requireNonNull(senderApplication, "senderApplication is null");
    }

    /**
     * @param mode the mode of the last attempt ("none" when no mode could be chosen)
     * @param attempts how many times it was handed to a vendor
     * @param reason why it is given up, for people to read
     */
    void report(Handle handle, MessageRow row, String mode, int attempts, String reason, Instant now)
    {
        MessageDao dao = handle.attach(MessageDao.class);
        String recipient = row.targetName() != null ? row.targetName() : row.destination();
        String by = mode.equals(NO_MODE) ? "" : " by " + mode;
        String what = "Page %d to %s%s could not be delivered%s: %s".formatted(row.id(), recipient, by, tried(row, attempts, now), reason);
        dao.audit(now, row.id(), "undeliverable", mode, "", truncate(what, 2048));
        if (row.incidentId() != null) {
            dao.incidentEvent(row.incidentId(), now, "undelivered", truncate(what, MAX_EVENT_DESCRIPTION));
        }
        metrics.undeliverable(mode);
        log.warn("{}", what);
        if (row.noticeOf() != null || row.planId() == null) {
            return;
        }
        long creator = plans.get(handle, row.planId()).creatorId();
        Optional<Integer> application = dao.applicationId(senderApplication);
        Optional<Integer> priority = row.priorityId() != null ? Optional.of(row.priorityId()) : dao.priorityId("high");
        if (application.isEmpty() || priority.isEmpty()) {
            log.error("Cannot tell the creator of plan {} about undeliverable page {}: application {} or the priority is missing",
                    row.planName(), row.id(), senderApplication);
            return;
        }
        String subject = "[%s] Page to %s undeliverable%s".formatted(senderApplication, recipient,
                row.incidentId() == null ? "" : " (incident " + row.incidentId() + ")");
        String body = """
                Iris could not deliver a page of plan %s, which you created.

                %s.

                Application: %s
                Incident: %s

                Please check %s's contact details%s.
                """.formatted(row.planName(), what, row.applicationName(), row.incidentId() == null ? "none" : row.incidentId(),
                recipient, mode.equals(NO_MODE) ? "" : " and the vendor for " + mode);
        dao.insertNotice(now, application.get(), creator, priority.get(), truncate(subject, 255), body, row.id());
    }

    private static String tried(MessageRow row, int attempts, Instant now)
    {
        if (row.firstAttemptAt() == null || attempts == 0) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(row.firstAttemptAt(), now).toSeconds());
        String modes = row.modesTried() == null ? "" : " (also tried " + row.modesTried() + ")";
        return " after %d attempt%s over %d s%s".formatted(attempts, attempts == 1 ? "" : "s", seconds, modes);
    }

    private static String truncate(String value, int length)
    {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
