package dev.iris.sender.dispatch;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.iris.sender.escalation.Plan;
import dev.iris.sender.escalation.PlanCache;
import dev.iris.sender.metrics.SenderMetrics;
import dev.iris.sender.storm.Aggregator;
import dev.iris.sender.storm.QuotaGuard;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.VendorException.Category;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Delivers messages in two steps.
 *
 * <p><b>Claim</b> (one transaction): take due {@code queued} messages, and {@code sending}
 * messages whose deadline passed, with {@code FOR UPDATE SKIP LOCKED}; lock each message's
 * incident and cancel the message if the incident is no longer active (so nothing starts sending
 * after a claim commits); apply aggregation, mode resolution, reprioritization and the
 * application quota; move the message to {@code sending} with a deadline.
 *
 * <p><b>Deliver</b> (no transaction held): render, call the vendors, then record the outcome,
 * guarded by the attempt number so a sender that overran its deadline cannot overwrite a newer
 * attempt. Transient failures are retried with backoff (the message stays {@code sending}, its
 * deadline moved to the retry time); permanent ones, and transient ones that used up their
 * attempts, fall back to the user's email once, then fail.
 *
 * <p>Delivery is at least once: a sender that dies between the vendor call and recording the
 * result leaves the message in {@code sending}, and once the deadline passes another sender sends
 * it again. A page is better duplicated than lost.
 */
public final class Dispatcher
{
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration POSTPONE_AFTER_ERROR = Duration.ofSeconds(5);
    private static final Set<String> CALLBACK_TRACKED_MODES = Set.of("sms", "call");

    private final Jdbi jdbi;
    private final Clock clock;
    private final DispatchSettings settings;
    private final PlanCache plans;
    private final ModeCatalog modes;
    private final ContactResolver contacts;
    private final Aggregator aggregator;
    private final QuotaGuard quotas;
    private final MessageContent content;
    private final VendorPool vendors;
    private final SenderMetrics metrics;
    private final BodyLengthLimit bodyLengthLimit;
    private final LoadingCache<List<Integer>, Optional<String>> senderAddresses;

    public Dispatcher(Jdbi jdbi, Clock clock, DispatchSettings settings, PlanCache plans, ModeCatalog modes, ContactResolver contacts,
            Aggregator aggregator, QuotaGuard quotas, MessageContent content, VendorPool vendors, SenderMetrics metrics)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.plans = requireNonNull(plans, "plans is null");
        this.modes = requireNonNull(modes, "modes is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.aggregator = requireNonNull(aggregator, "aggregator is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.content = requireNonNull(content, "content is null");
        this.vendors = requireNonNull(vendors, "vendors is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.bodyLengthLimit = new BodyLengthLimit(jdbi, clock, modes, metrics);
        this.senderAddresses = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(5))
                .maximumSize(1_000)
                .build(key -> jdbi.withHandle(handle -> handle.attach(MessageDao.class).customSenderAddress(key.get(0), key.get(1))));
    }

    /**
     * Claims up to {@code limit} due messages and moves the sendable ones to {@code sending}.
     *
     * @return the messages this sender must now deliver
     */
    public List<ClaimedMessage> claimDue(int limit)
    {
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                ClaimPass pass = new ClaimPass(handle, now);
                List<MessageRow> rows = pass.claim(limit);
                List<ClaimedMessage> claimed = new ArrayList<>();
                for (MessageRow row : rows) {
                    prepare(pass, row).ifPresent(claimed::add);
                }
                pass.finish();
                return claimed;
            });
        }
        catch (RuntimeException e) {
            if (isRollback(e)) {
                throw e;
            }
            log.warn("Claiming a batch of messages failed; claiming them one at a time", e);
            return claimOneByOne(limit, now);
        }
    }

    /**
     * The slow path after a failed pass: each message in a savepoint of its own, so one that
     * cannot be prepared is postponed and the others go out.
     */
    private List<ClaimedMessage> claimOneByOne(int limit, Instant now)
    {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            ClaimPass pass = new ClaimPass(handle, now);
            List<ClaimedMessage> claimed = new ArrayList<>();
            for (MessageRow row : pass.claim(limit)) {
                handle.savepoint("message");
                try {
                    Optional<ClaimedMessage> prepared = prepare(pass, row);
                    pass.finish();
                    handle.releaseSavepoint("message");
                    prepared.ifPresent(claimed::add);
                }
                catch (RuntimeException e) {
                    log.error("Preparing message {} failed; trying again in {} s", row.id(), POSTPONE_AFTER_ERROR.toSeconds(), e);
                    handle.rollbackToSavepoint("message");
                    pass.forget();
                    handle.createUpdate("""
                                    UPDATE message SET next_attempt_at = :later,
                                                       send_deadline = IF(`status` = 'sending', :later, send_deadline)
                                    WHERE id = :id""")
                            .bind("later", now.plus(POSTPONE_AFTER_ERROR)).bind("id", row.id()).execute();
                }
            }
            return claimed;
        });
    }

    private static boolean isRollback(Throwable e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One claim transaction: the messages it took, their incidents' state (read and locked in one
     * query), the quota counts, and the moves to {@code sending}, written together at the end.
     */
    private final class ClaimPass
    {
        private final Handle handle;
        private final MessageDao dao;
        private final Instant now;
        private final Map<Long, Boolean> incidents = new HashMap<>();
        private final QuotaGuard.PassCounts quotaCounts = quotas.newPass();
        private final List<ClaimedMessage> sending = new ArrayList<>();

        ClaimPass(Handle handle, Instant now)
        {
            this.handle = handle;
            this.dao = handle.attach(MessageDao.class);
            this.now = now;
        }

        List<MessageRow> claim(int limit)
        {
            List<Long> ids = new ArrayList<>(dao.claimExpiredSends(now, limit));
            if (ids.size() < limit) {
                ids.addAll(dao.claimQueued(now, limit - ids.size()));
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            List<MessageRow> rows = dao.load(ids);
            Set<Long> incidentIds = new HashSet<>();
            rows.forEach(row -> {
                if (row.incidentId() != null) {
                    incidentIds.add(row.incidentId());
                }
            });
            if (!incidentIds.isEmpty()) {
                dao.lockIncidents(incidentIds).forEach(incident -> incidents.put(incident.id(), incident.active()));
            }
            return rows;
        }

        void markSending(ClaimedMessage message)
        {
            sending.add(message);
        }

        /**
         * Writes what the pass held back: the moves to sending, then the quota counts (whose
         * bucket row lock is then held only until the commit).
         */
        void finish()
        {
            if (!sending.isEmpty()) {
                PreparedBatch batch = handle.prepareBatch("""
                        UPDATE message SET `status` = 'sending', active = 1, attempts = attempts + 1, send_deadline = :deadline,
                                           mode_id = :mode, destination = :destination, batch = :batch
                        WHERE id = :id""");
                for (ClaimedMessage message : sending) {
                    batch.bind("deadline", message.deadline()).bind("mode", message.modeId()).bind("destination", message.destination())
                            .bind("batch", message.batch()).bind("id", message.id()).add();
                }
                batch.execute();
                sending.clear();
            }
            quotas.flush(quotaCounts, handle, now);
        }

        /**
         * Drops the held moves of a message whose savepoint was rolled back.
         */
        void forget()
        {
            sending.clear();
        }
    }

    private Optional<ClaimedMessage> prepare(ClaimPass pass, MessageRow row)
    {
        Handle handle = pass.handle;
        MessageDao dao = pass.dao;
        Map<Long, Boolean> incidents = pass.incidents;
        Instant now = pass.now;
        if (row.incidentId() != null) {
            // The incident rows are locked (FOR UPDATE) in this transaction: a claim cannot commit
            // between this check and the move to sending.
            Boolean active = incidents.get(row.incidentId());
            if (active == null) {
                // A claim is committing right now: leave the message; it is cancelled or retried.
                return Optional.empty();
            }
            if (!active) {
                dao.cancel(row.id());
                metrics.cancelled();
                return Optional.empty();
            }
        }
        if ("sending".equals(row.status())) {
            metrics.recovered();
            if (row.attempts() >= settings.maxAttempts()) {
                dao.failUnsent(row.id(), "gave up after " + row.attempts() + " attempts");
                metrics.failed(row.modeId() == null ? "unknown" : modes.name(row.modeId()), "attempts");
                return Optional.empty();
            }
        }
        String batch = row.batch();
        int batchSize = 1;
        if (row.isHeldInBatch()) {
            Aggregator.Flush flush = aggregator.flush(handle, row, now);
            batchSize = flush.members();
            if (batchSize == 1) {
                batch = null;
            }
        }
        else if (row.isFirstAttempt() && row.planId() != null) {
            Plan plan = plans.get(handle, row.planId());
            if (aggregator.consider(handle, row, plan, now).hold()) {
                metrics.suppressed("aggregated");
                return Optional.empty();
            }
        }
        Optional<ContactResolver.Contact> contact = contacts.resolve(handle, row, now);
        if (contact.isEmpty()) {
            dao.failUnsent(row.id(), "no contact for " + row.targetName() + " in any usable mode");
            metrics.failed("none", "no-contact");
            return Optional.empty();
        }
        if (contact.get().mode().equals("drop")) {
            dao.suppress(row.id(), now, contact.get().modeId(), null);
            metrics.suppressed("drop");
            return Optional.empty();
        }
        if (row.isFirstAttempt() && quotas.countAndCheck(pass.quotaCounts, handle, row, now)) {
            dao.audit(now, row.id(), "mode-change", contact.get().mode(), "drop", "Dropping due to hard quota violation.");
            dao.suppress(row.id(), now, modes.id("drop").orElse(null), null);
            metrics.suppressed("hard-quota");
            return Optional.empty();
        }
        Instant deadline = now.plus(settings.sendDeadline());
        ClaimedMessage claimed = contacts.applyRestrictions(handle, new ClaimedMessage(row, row.attempts() + 1, contact.get().modeId(),
                contact.get().mode(), contact.get().destination(), batch, batchSize, deadline), now);
        pass.markSending(claimed);
        return Optional.of(claimed);
    }

    /**
     * Sends a claimed message and records the outcome. Holds no transaction during vendor calls.
     */
    public void deliver(ClaimedMessage message)
    {
        MessageContent.Content rendered = content.render(message);
        if (bodyLengthLimit.dropIfTooLong(message, rendered)) {
            return;
        }
        VendorPool.Outcome outcome = vendors.send(outbound(message, rendered));
        if (outcome.sent()) {
            recordSent(message, rendered, outcome);
            return;
        }
        boolean attemptsLeft = message.attempt() < settings.maxAttempts();
        boolean giveUpOnMode = outcome.category() != Category.TRANSIENT || !attemptsLeft;
        if (giveUpOnMode && message.row().targetId() != null && !message.mode().equals("email")) {
            Optional<ClaimedMessage> fallback = fallBackToEmail(message, outcome);
            if (fallback.isPresent()) {
                MessageContent.Content fallbackContent = content.render(fallback.get());
                VendorPool.Outcome fallbackOutcome = vendors.send(outbound(fallback.get(), fallbackContent));
                if (fallbackOutcome.sent()) {
                    recordSent(fallback.get(), fallbackContent, fallbackOutcome);
                }
                else {
                    recordFailure(fallback.get(), fallbackContent, fallbackOutcome);
                }
                return;
            }
        }
        recordFailure(message, rendered, outcome);
    }

    private Optional<ClaimedMessage> fallBackToEmail(ClaimedMessage message, VendorPool.Outcome outcome)
    {
        Optional<Integer> email = modes.id("email");
        if (email.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            Optional<String> address = handle.attach(ContactDao.class).contact(message.row().targetId(), email.get());
            if (address.isEmpty()) {
                return Optional.empty();
            }
            MessageDao dao = handle.attach(MessageDao.class);
            if (dao.changeContact(message.id(), message.attempt(), email.get(), address.get(), truncate(outcome.error())) == 0) {
                return Optional.empty();
            }
            dao.audit(now, message.id(), "mode-change", message.mode(), "email",
                    "Changing mode due to original mode failure: " + truncate(outcome.error()));
            metrics.failed(message.mode(), outcome.category().name().toLowerCase(java.util.Locale.ROOT));
            return Optional.of(message.withContact(email.get(), "email", address.get()));
        });
    }

    private void recordSent(ClaimedMessage message, MessageContent.Content rendered, VendorPool.Outcome outcome)
    {
        Instant now = clock.instant();
        // Two autocommit statements, no transaction: the status row only follows the message row,
        // and a crash between them loses nothing but that status.
        int updated = jdbi.withHandle(handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            int count = dao.markSent(message.id(), message.attempt(), now, outcome.vendor(), outcome.vendorMessageId(),
                    truncate(rendered.subject(), 255), rendered.body(), rendered.templateId(), message.modeId(), message.destination());
            if (count == 0) {
                return 0;
            }
            if (CALLBACK_TRACKED_MODES.contains(message.mode())) {
                if (outcome.vendorMessageId() != null) {
                    dao.twilioSid(outcome.vendorMessageId(), message.id());
                }
            }
            else {
                dao.genericSentStatus(message.id(), true);
            }
            return count;
        });
        if (updated == 0) {
            log.warn("Message {} was sent, but its deadline had passed and another sender took it over", message.id());
        }
        metrics.sent(message.mode(), outcome.vendor());
        MessageRow row = message.row();
        if (row.incidentCreated() != null && Integer.valueOf(1).equals(row.step()) && Integer.valueOf(0).equals(row.round())) {
            metrics.triggerToFirstSend(Duration.between(row.incidentCreated(), now));
        }
    }

    private void recordFailure(ClaimedMessage message, MessageContent.Content rendered, VendorPool.Outcome outcome)
    {
        Instant now = clock.instant();
        String category = outcome.category().name().toLowerCase(java.util.Locale.ROOT);
        boolean retry = outcome.category() != Category.PERMANENT && message.attempt() < settings.maxAttempts();
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            if (retry) {
                Duration backoff = settings.backoff(message.attempt());
                if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(backoff) > 0) {
                    backoff = outcome.retryAfter();
                }
                dao.scheduleRetry(message.id(), message.attempt(), now.plus(backoff), truncate(outcome.error()), outcome.vendor());
            }
            else if (dao.markFailed(message.id(), message.attempt(), truncate(outcome.error()), outcome.vendor(),
                    truncate(rendered.subject(), 255), rendered.body()) > 0 && !CALLBACK_TRACKED_MODES.contains(message.mode())) {
                dao.genericSentStatus(message.id(), false);
            }
        });
        if (retry) {
            metrics.retried(message.mode());
            log.info("Message {} ({}) failed transiently, retrying: {}", message.id(), message.mode(), outcome.error());
        }
        else {
            metrics.failed(message.mode(), category);
            log.warn("Message {} ({}) failed for good: {}", message.id(), message.mode(), outcome.error());
        }
    }

    private OutboundMessage outbound(ClaimedMessage message, MessageContent.Content rendered)
    {
        MessageRow row = message.row();
        Optional<String> from = senderAddresses.get(List.of(row.applicationId(), message.modeId()));
        return new OutboundMessage(
                row.id(),
                message.mode(),
                message.destination(),
                rendered.subject(),
                rendered.body(),
                null,
                row.applicationName(),
                row.priorityName(),
                row.incidentId(),
                message.batchSize() > 1 ? message.batch() : null,
                row.planName(),
                row.incidentId() != null || message.batchSize() > 1,
                EmailRecipientHeaders.with(row.recipients(), from.map(address -> Map.of("from", address)).orElse(Map.of())));
    }

    private static String truncate(String value)
    {
        return truncate(value, 2048);
    }

    private static String truncate(String value, int length)
    {
        if (value == null) {
            return null;
        }
        return value.length() <= length ? value : value.substring(0, length);
    }

    /**
     * How many queued messages are due now (a gauge).
     */
    public long dueQueueDepth()
    {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> handle.attach(MessageDao.class).dueQueueDepth(now));
    }
}
