package dev.iris.sender.dispatch;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.iris.db.DatabaseFailures;
import dev.iris.sender.ValuesById;
import dev.iris.sender.escalation.Plan;
import dev.iris.sender.escalation.PlanCache;
import dev.iris.sender.metrics.SenderMetrics;
import dev.iris.sender.storm.Aggregator;
import dev.iris.sender.storm.QuotaGuard;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.VendorException.Category;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * messages whose deadline passed (found by lock-free reads before the transaction opens, then
 * locked in it through the primary key with {@code FOR UPDATE SKIP LOCKED}, which re-checks that
 * they are still claimable; see {@link ClaimDao#lockQueued}); lock each message's
 * incident and cancel the message if the incident was claimed or resolved (so nothing starts
 * sending after a claim commits; an incident whose plan ran out is inactive too, but nobody took
 * it, so its pages are still owed); apply aggregation, mode resolution, reprioritization and the
 * application quota; move the message to {@code sending} with a deadline.
 *
 * <p><b>Deliver</b> (no transaction held): a page that waited for a send slot, or for a place
 * under its vendor's limit of sends in flight, longer than {@link #LAST_LOOK_AFTER} (a backed-up
 * send queue on a busy host, a slow vendor) first reads its incident once
 * more and is cancelled if a claim or resolve committed while it waited, so the claim-to-send
 * window stays that of a call already under way rather than of the queue; then render, call the
 * vendors, then record the outcome,
 * guarded by the attempt number so a sender that overran its deadline cannot overwrite a newer
 * attempt. A failure is handled by the {@link DeliveryPolicy}: retried with backoff (the message
 * stays {@code sending}, its deadline moved to the retry time), moved on to the person's next mode
 * ({@link ModeFallback}), or, once its delivery budget is spent, declared undeliverable with a
 * timeline event and a notice to the plan's creator ({@link UndeliverablePages}).
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
    /**
     * A page handed to a vendor this many times without an outcome being recorded (each time its
     * sender died mid-send) is given up: it is what kills the senders. Retries after failures stop
     * far earlier, at the end of the delivery budget.
     */
    static final int MAX_ATTEMPTS = 100;
    /**
     * How long a claimed page may wait for its send before it looks at its incident again: longer
     * than a send normally waits, so the extra read costs nothing on a host that keeps up.
     */
    static final Duration LAST_LOOK_AFTER = Duration.ofMillis(100);
    /**
     * A claim reads this many times as many due messages as it wants, without locks, and locks
     * the first free ones, so passes running side by side (several dispatch threads or senders)
     * do not all stop at the same rows the first pass holds.
     */
    static final int CANDIDATES_PER_CLAIM = 3;
    static final List<String> SENDING_COLUMNS = List.of("send_deadline", "mode_id", "destination", "batch");

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
    private final DeliveryPolicy policy;
    private final ModeFallback fallback;
    private final UndeliverablePages undeliverable;
    private final LoadingCache<List<Integer>, Optional<String>> senderAddresses;

    /**
     * @param senderApplication the application Iris's own notices are sent as
     */
    public Dispatcher(Jdbi jdbi, Clock clock, DispatchSettings settings, PlanCache plans, ModeCatalog modes, ContactResolver contacts,
            Aggregator aggregator, QuotaGuard quotas, MessageContent content, VendorPool vendors, SenderMetrics metrics,
            String senderApplication)
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
        this.policy = new DeliveryPolicy(settings);
        this.fallback = new ModeFallback(modes, vendors, settings.fallbackModes());
        this.undeliverable = new UndeliverablePages(plans, metrics, senderApplication);
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
        Candidates candidates = candidates(limit, now);
        if (candidates.isEmpty()) {
            return List.of();
        }
        try {
            return committed(jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                ClaimPass pass = new ClaimPass(handle, now);
                List<MessageRow> rows = pass.claim(limit, candidates);
                List<ClaimedMessage> claimed = new ArrayList<>();
                for (MessageRow row : rows) {
                    prepare(pass, row).ifPresent(claimed::add);
                }
                pass.finish();
                return claimed;
            }));
        }
        catch (RuntimeException e) {
            if (DatabaseFailures.isRolledBack(e)) {
                throw e;
            }
            log.warn("Claiming a batch of messages failed; claiming them one at a time", e);
            return committed(claimOneByOne(limit, now, candidates));
        }
    }

    /**
     * Stamps the messages of a committed claim pass with the time of the commit: the last look
     * ({@link #LAST_LOOK_AFTER}) counts from there, since until then the pass held the incidents'
     * locks and no claim could commit.
     */
    private List<ClaimedMessage> committed(List<ClaimedMessage> claimed)
    {
        Instant now = clock.instant();
        return claimed.stream().map(message -> message.committedAt(now)).toList();
    }

    /**
     * Messages that may be claimed: sends whose deadline passed, then queued messages due, each
     * up to {@link #CANDIDATES_PER_CLAIM} times {@code limit}.
     */
    private record Candidates(List<Long> expiredSends, List<Long> dueQueued)
    {
        boolean isEmpty()
        {
            return expiredSends.isEmpty() && dueQueued.isEmpty();
        }
    }

    /**
     * Reads the candidates without locks and outside any transaction: most looks of a sender that
     * keeps up find nothing, and then cost two indexed reads instead of a transaction.
     */
    private Candidates candidates(int limit, Instant now)
    {
        int wanted = limit * CANDIDATES_PER_CLAIM;
        return jdbi.withHandle(handle -> {
            DueMessageDao dao = handle.attach(DueMessageDao.class);
            List<Long> expired = dao.expiredSends(now, wanted);
            return new Candidates(expired, expired.size() >= wanted ? List.of() : dao.dueQueued(now, wanted));
        });
    }

    /**
     * The slow path after a failed pass: each message in a savepoint of its own, so one that
     * cannot be prepared is postponed and the others go out.
     */
    private List<ClaimedMessage> claimOneByOne(int limit, Instant now, Candidates candidates)
    {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            ClaimPass pass = new ClaimPass(handle, now);
            List<ClaimedMessage> claimed = new ArrayList<>();
            for (MessageRow row : pass.claim(limit, candidates)) {
                handle.savepoint("message");
                try {
                    Optional<ClaimedMessage> prepared = prepare(pass, row);
                    pass.finish();
                    handle.releaseSavepoint("message");
                    prepared.ifPresent(claimed::add);
                }
                catch (RuntimeException e) {
                    if (DatabaseFailures.isRolledBack(e)) {
                        // The database rolled the whole transaction back, savepoint included:
                        // nothing to undo here, and the engine runs the pass again.
                        throw e;
                    }
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

    /**
     * One claim transaction: the messages it took, their incidents' state (read and locked in one
     * query), the quota counts, and the moves to {@code sending}, written together at the end.
     */
    private final class ClaimPass
    {
        private final Handle handle;
        private final ClaimDao claims;
        private MessageDao messages;
        private final Instant now;
        // incident id -> claimed or resolved
        private final Map<Long, Boolean> incidents = new HashMap<>();
        private final QuotaGuard.PassCounts quotaCounts = quotas.newPass();
        private Aggregator.PassKeys aggregationKeys = Aggregator.noKeys();
        private final List<ClaimedMessage> sending = new ArrayList<>();
        private final PassContacts contacts;

        ClaimPass(Handle handle, Instant now)
        {
            this.handle = handle;
            this.claims = handle.attach(ClaimDao.class);
            this.now = now;
            this.contacts = new PassContacts(handle.attach(ContactDao.class));
        }

        /**
         * Locks up to {@code limit} of the candidates that are still claimable (another pass may
         * have taken some since they were read) and reads them and their incidents.
         */
        List<MessageRow> claim(int limit, Candidates candidates)
        {
            List<Long> ids = new ArrayList<>(lock(candidates.expiredSends(), expired -> claims.lockExpiredSends(expired, now, limit)));
            if (ids.size() < limit) {
                int wanted = limit - ids.size();
                ids.addAll(lock(candidates.dueQueued(), due -> claims.lockQueued(due, now, wanted)));
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            List<MessageRow> rows = claims.load(ids);
            // Before the incidents' and the keys' locks, so that no other pass waits for it.
            aggregationKeys = aggregator.newPass(handle, rows, planId -> plans.get(handle, planId), now);
            Set<Long> incidentIds = new HashSet<>();
            rows.forEach(row -> {
                if (row.incidentId() != null) {
                    incidentIds.add(row.incidentId());
                }
            });
            if (!incidentIds.isEmpty()) {
                claims.lockIncidents(incidentIds).forEach(incident -> incidents.put(incident.id(), incident.stopped()));
            }
            return rows;
        }

        private static List<Long> lock(List<Long> candidates, java.util.function.Function<List<Long>, List<Long>> locker)
        {
            return candidates.isEmpty() ? List.of() : locker.apply(candidates);
        }

        /**
         * The statements for what happens to few messages (cancelled, failed, suppressed,
         * audited), attached the first time a message of the pass needs one.
         */
        MessageDao messages()
        {
            if (messages == null) {
                messages = handle.attach(MessageDao.class);
            }
            return messages;
        }

        void markSending(ClaimedMessage message)
        {
            sending.add(message);
        }

        /**
         * Writes what the pass held back: the moves to sending (one statement), then the quota
         * counts (whose bucket row lock is then held only until the commit).
         */
        void finish()
        {
            if (!sending.isEmpty()) {
                List<List<Object>> rows = new ArrayList<>();
                for (ClaimedMessage message : sending) {
                    rows.add(Arrays.asList(message.id(), message.deadline(), message.modeId(), message.destination(), message.batch()));
                }
                ValuesById values = ValuesById.of("v", "id", SENDING_COLUMNS, rows);
                claims.markAllSending(values.ids(), values.assignments(SENDING_COLUMNS), values.values(), now);
                sending.clear();
            }
            quotas.flush(quotaCounts, handle, now);
        }

        /**
         * Drops what the pass held of a message whose savepoint was rolled back: its move to
         * sending, and the aggregation states as the pass had written them.
         */
        void forget()
        {
            sending.clear();
            aggregationKeys.forgetStates();
        }
    }

    private Optional<ClaimedMessage> prepare(ClaimPass pass, MessageRow claimedRow)
    {
        Handle handle = pass.handle;
        Map<Long, Boolean> incidents = pass.incidents;
        Instant now = pass.now;
        MessageRow row = claimedRow.attemptedAt(now);
        if (row.incidentId() != null) {
            // The incident rows are locked (FOR UPDATE) in this transaction: a claim cannot commit
            // between this check and the move to sending.
            Boolean stopped = incidents.get(row.incidentId());
            if (stopped == null) {
                // A claim is committing right now: leave the message; it is cancelled or retried.
                return Optional.empty();
            }
            if (stopped) {
                pass.messages().cancel(row.id());
                metrics.cancelled();
                return Optional.empty();
            }
        }
        if ("sending".equals(row.status())) {
            metrics.recovered();
            if (row.attempts() >= MAX_ATTEMPTS) {
                String mode = row.modeId() == null ? UndeliverablePages.NO_MODE : modes.name(row.modeId());
                pass.messages().failUnsent(row.id(), "gave up after " + row.attempts() + " attempts without an outcome");
                undeliverable.report(handle, row, mode, row.attempts(),
                        "its sender stopped " + row.attempts() + " times while sending it", now);
                return Optional.empty();
            }
        }
        String batch = row.batch();
        int batchSize = 1;
        if (row.isHeldInBatch()) {
            Aggregator.Flush flush = aggregator.flush(handle, row, now, pass.aggregationKeys);
            batchSize = flush.members();
            if (batchSize == 1) {
                batch = null;
            }
        }
        else if (row.isFirstAttempt() && row.planId() != null) {
            Plan plan = plans.get(handle, row.planId());
            if (aggregator.consider(handle, row, plan, now, pass.aggregationKeys).hold()) {
                metrics.suppressed("aggregated");
                return Optional.empty();
            }
        }
        Optional<ContactResolver.Contact> contact = contacts.resolve(pass.contacts, pass::messages, row, now);
        if (contact.isEmpty()) {
            String reason = "no contact for " + row.targetName() + " in any usable mode";
            pass.messages().failUnsent(row.id(), reason);
            metrics.failed("none", "no-contact");
            undeliverable.report(handle, row, UndeliverablePages.NO_MODE, 0, reason, now);
            return Optional.empty();
        }
        if (contact.get().mode().equals("drop")) {
            pass.messages().suppress(row.id(), now, contact.get().modeId(), null);
            metrics.suppressed("drop");
            return Optional.empty();
        }
        if (row.isFirstAttempt() && quotas.countAndCheck(pass.quotaCounts, handle, row, now)) {
            pass.messages().audit(now, row.id(), "mode-change", contact.get().mode(), "drop", "Dropping due to hard quota violation.");
            pass.messages().suppress(row.id(), now, modes.id("drop").orElse(null), null);
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
     * A failure that moves the page to the person's next mode is sent again at once, in that mode.
     */
    public void deliver(ClaimedMessage message)
    {
        LastLook look = new LastLook(message);
        if (look.incidentStopped()) {
            return;
        }
        ClaimedMessage current = message;
        MessageContent.Content rendered = content.render(current);
        if (bodyLengthLimit.dropIfTooLong(current, rendered)) {
            return;
        }
        // Each turn leaves a mode for good, so there are at most as many turns as fallback modes.
        for (int turn = 0; turn <= settings.fallbackModes().size(); turn++) {
            VendorPool.Outcome outcome = vendors.send(outbound(current, rendered), slotWait(current, look));
            if (outcome.withdrawn()) {
                return;
            }
            if (outcome.sent()) {
                recordSent(current, rendered, outcome);
                return;
            }
            Optional<ClaimedMessage> nextMode = recordFailure(current, rendered, outcome);
            if (nextMode.isEmpty()) {
                return;
            }
            current = nextMode.get();
            rendered = content.render(current);
        }
        log.error("Message {} changed modes more often than there are fallback modes; it is retried at its deadline", message.id());
    }

    /**
     * The last look of one delivery: a page that has waited more than {@link #LAST_LOOK_AFTER}
     * since its claim committed or since it last looked (for a send thread, then for a place under
     * its vendor's limit) reads its incident again before it is sent, and is cancelled if the
     * incident was claimed or resolved meanwhile. A page that did not wait costs no read.
     */
    private final class LastLook
    {
        private final ClaimedMessage message;
        private Instant last;

        LastLook(ClaimedMessage message)
        {
            this.message = message;
            this.last = message.committed() != null ? message.committed() : message.deadline().minus(settings.sendDeadline());
        }

        boolean incidentStopped()
        {
            Instant now = clock.instant();
            if (Duration.between(last, now).compareTo(LAST_LOOK_AFTER) <= 0) {
                return false;
            }
            last = now;
            return cancelledAsItsIncidentStopped(message);
        }
    }

    /**
     * Whether the page's incident was claimed or resolved; if so the page is cancelled.
     */
    private boolean cancelledAsItsIncidentStopped(ClaimedMessage message)
    {
        Long incidentId = message.row().incidentId();
        if (incidentId == null) {
            return false;
        }
        return jdbi.withHandle(handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            if (!dao.incidentStopped(incidentId).orElse(false)) {
                return false;
            }
            if (dao.cancelSending(message.id(), message.attempt(), "the incident was claimed or resolved before the send began") > 0) {
                metrics.cancelled();
            }
            return true;
        });
    }

    /**
     * A page waits for a place under its vendor's limit of sends in flight for at most half the
     * time left until its deadline, so the call itself keeps the other half (a vendor's timeout is
     * far shorter than the deadline), and then takes its {@link LastLook}.
     */
    private VendorPool.SlotWait slotWait(ClaimedMessage message, LastLook look)
    {
        Duration left = Duration.between(clock.instant(), message.deadline());
        return new VendorPool.SlotWait(left.isNegative() ? Duration.ZERO : left.dividedBy(2), () -> !look.incidentStopped());
    }

    private void recordSent(ClaimedMessage message, MessageContent.Content rendered, VendorPool.Outcome outcome)
    {
        Instant now = clock.instant();
        // Two autocommit statements, no transaction: the status row only follows the message row,
        // and a crash between them loses nothing but that status.
        int updated = jdbi.withHandle(handle -> {
            SendOutcomeDao dao = handle.attach(SendOutcomeDao.class);
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

    /**
     * Records a failed attempt as the {@link DeliveryPolicy} says, in one transaction that holds
     * the incident's lock: a claim or resolve that committed meanwhile cancels the page instead.
     *
     * @return the page in the person's next mode, when it should be sent again at once in that mode
     */
    private Optional<ClaimedMessage> recordFailure(ClaimedMessage message, MessageContent.Content rendered, VendorPool.Outcome outcome)
    {
        Instant now = clock.instant();
        String category = outcome.category().name().toLowerCase(java.util.Locale.ROOT);
        String error = truncate(outcome.error());
        MessageRow row = message.row();
        DeliveryPolicy.Failure failure = new DeliveryPolicy.Failure(outcome.category(), row.firstAttemptAt(), row.modeSince(),
                message.attempt(), outcome.retryAfter(), now);
        metrics.failed(message.mode(), category);
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            MessageDao dao = handle.attach(MessageDao.class);
            if (row.incidentId() != null && dao.lockIncidentStopped(row.incidentId()).orElse(false)) {
                dao.cancelSending(message.id(), message.attempt(), error);
                metrics.cancelled();
                return Optional.empty();
            }
            if (policy.leaveMode(failure)) {
                Set<String> tried = ModesTried.parse(row.modesTried());
                tried.add(message.mode());
                Optional<ContactResolver.Contact> next = fallback.next(handle, row, tried);
                if (next.isPresent()) {
                    String modesTried = ModesTried.add(row.modesTried(), message.mode());
                    if (dao.changeContact(message.id(), message.attempt(), next.get().modeId(), next.get().destination(), error,
                            modesTried, now) == 0) {
                        return Optional.empty();
                    }
                    dao.audit(now, message.id(), "mode-change", message.mode(), next.get().mode(),
                            "Changing mode due to original mode failure: " + error);
                    log.info("Message {} failed in {} ({}); trying {}", message.id(), message.mode(), outcome.error(), next.get().mode());
                    return Optional.of(message.withRow(row.leftMode(message.mode(), now))
                            .withContact(next.get().modeId(), next.get().mode(), next.get().destination()));
                }
            }
            Instant retryAt = policy.retryAt(failure);
            if (retryAt != null) {
                dao.scheduleRetry(message.id(), message.attempt(), retryAt, error, outcome.vendor());
                metrics.retried(message.mode());
                log.info("Message {} ({}) failed ({}), retrying at {}: {}", message.id(), message.mode(), category, retryAt, outcome.error());
                return Optional.empty();
            }
            if (dao.markFailed(message.id(), message.attempt(), error, outcome.vendor(), truncate(rendered.subject(), 255),
                    rendered.body()) > 0) {
                if (!CALLBACK_TRACKED_MODES.contains(message.mode())) {
                    handle.attach(SendOutcomeDao.class).genericSentStatus(message.id(), false);
                }
                String reason = outcome.category() == Category.PERMANENT
                        ? "the vendor refused it for good (" + error + ")"
                        : "the delivery budget is spent (last error: " + error + ")";
                undeliverable.report(handle, row, message.mode(), message.attempt(), reason, now);
            }
            return Optional.empty();
        });
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
