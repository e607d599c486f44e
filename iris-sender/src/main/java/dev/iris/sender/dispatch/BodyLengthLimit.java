package dev.iris.sender.dispatch;

import dev.iris.sender.metrics.SenderMetrics;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Iris's guard against runaway templates: a rendered body longer than {@value #MAX_BODY_LENGTH}
 * characters is not sent. The message is stored with its body truncated and its subject cut to
 * 255 characters, in mode {@code drop} and status {@code suppressed} with its {@code sent} time set
 * (as any dropped message), with a {@code mode-change} audit entry; no vendor is called.
 */
final class BodyLengthLimit
{
    static final int MAX_BODY_LENGTH = 40_000;
    private static final int MAX_SUBJECT_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(BodyLengthLimit.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ModeCatalog modes;
    private final SenderMetrics metrics;

    BodyLengthLimit(Jdbi jdbi, Clock clock, ModeCatalog modes, SenderMetrics metrics)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.modes = requireNonNull(modes, "modes is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * @return true when the body was too long and the message has been dropped
     */
    boolean dropIfTooLong(ClaimedMessage message, MessageContent.Content rendered)
    {
        int length = rendered.body().length();
        if (length <= MAX_BODY_LENGTH) {
            return false;
        }
        Instant now = clock.instant();
        Optional<Integer> drop = modes.id("drop");
        String subject = rendered.subject().length() <= MAX_SUBJECT_LENGTH ? rendered.subject() : rendered.subject().substring(0, MAX_SUBJECT_LENGTH);
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            if (dao.dropUnsent(message.id(), message.attempt(), now, drop.orElse(message.modeId()), subject,
                    rendered.body().substring(0, MAX_BODY_LENGTH), rendered.templateId()) > 0) {
                dao.audit(now, message.id(), "mode-change", message.mode(), "drop",
                        "Dropping due to excessive body length (%d > %d chars)".formatted(length, MAX_BODY_LENGTH));
            }
        });
        log.warn("Message {} has a body of {} characters (more than {}); dropped it", message.id(), length, MAX_BODY_LENGTH);
        metrics.suppressed("body-length");
        return true;
    }
}
