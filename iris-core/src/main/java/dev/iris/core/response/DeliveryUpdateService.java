package dev.iris.core.response;

import dev.iris.common.http.IrisException;
import dev.iris.core.response.DeliveryStatusDao.Tracked;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Records Twilio delivery callbacks ({@code /v0/twilio/deliveryupdate}): the status goes to
 * {@code twilio_delivery_status} and {@code message.delivery_status}, forward only. A failed
 * message gets exactly one retry, a copy queued for the sender (never a retry of a retry, and not
 * when its incident was claimed meanwhile); duplicate callbacks change nothing. The message is
 * found by SID, or, before the sender has recorded the SID, by the message id of the callback URL.
 */
public final class DeliveryUpdateService
{
    public static final int MAX_SID_CHARACTERS = 64;
    public static final int MAX_STATUS_CHARACTERS = 32;

    private static final Logger log = LoggerFactory.getLogger(DeliveryUpdateService.class);

    private final Jdbi jdbi;

    @Inject
    public DeliveryUpdateService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * @param callbackMessageId the message the callback URL names ({@code ?message_id=}), which finds the
     *        message when the callback arrives before the sender has recorded the SID
     * @return the id of the retry message queued, if any
     * @throws IrisException 400 for a failed status on a SID no message carries (as Iris)
     */
    public Optional<Long> update(String sid, String rawStatus, Optional<Long> callbackMessageId)
    {
        requireNonNull(sid, "sid is null");
        requireNonNull(rawStatus, "rawStatus is null");
        requireNonNull(callbackMessageId, "callbackMessageId is null");
        if (sid.length() > MAX_SID_CHARACTERS || rawStatus.length() > MAX_STATUS_CHARACTERS) {
            throw IrisException.badRequest("Invalid keys in payload");
        }
        String status = DeliveryStatuses.normalize(rawStatus);
        return jdbi.inTransaction(handle -> {
            DeliveryStatusDao dao = handle.attach(DeliveryStatusDao.class);
            Optional<Tracked> tracked = dao.lockBySid(sid)
                    .or(() -> dao.lockMessageByVendorId(sid))
                    .or(() -> callbackMessageId.flatMap(dao::lockMessageWithoutSid));
            if (tracked.isEmpty()) {
                log.warn("No message carries the Twilio SID {} (status {})", sid, status);
                if ("failed".equals(status)) {
                    throw IrisException.badRequest("No message id found for SID");
                }
                return Optional.empty();
            }
            long messageId = tracked.get().messageId();
            // Serialise callbacks of one message, so two "failed" callbacks retry once.
            dao.lockMessage(messageId);
            Tracked current = dao.lockBySid(sid).orElse(tracked.get());
            if (!DeliveryStatuses.movesForward(current.status(), status)) {
                log.debug("Ignoring Twilio status {} for message {}: already {}", status, messageId, current.status());
                return Optional.empty();
            }
            dao.upsertTracking(sid, messageId, status);
            dao.updateMessage(messageId, status);
            if (!"failed".equals(status) || dao.isRetriedOrRetry(messageId)) {
                return Optional.empty();
            }
            Optional<Long> retry = dao.insertRetry(messageId);
            retry.ifPresent(retryId -> {
                dao.insertRetryLink(messageId, retryId);
                log.info("Twilio reports message {} failed; queued retry {}", messageId, retryId);
            });
            return retry;
        });
    }
}
