package dev.iris.core.response;

import dev.iris.common.http.IrisException;
import dev.iris.core.incident.ClaimService;
import dev.iris.core.response.ReplyDao.IncidentState;
import dev.iris.core.response.ReplyDao.MessageRef;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Acts on a parsed reply as Iris's default response plugin does, and words the answer with Iris's
 * texts. Every reply is recorded in {@code response} first. Claims go through
 * {@link ClaimService}, under a database-wide lock per incident, so a double tap or a duplicated
 * callback claims once (one 'claimed' event) and gets the same answer.
 *
 * <p>Passive-reply limit: an auto-responder answering every page would get an answer to each of
 * its replies, and answer that in turn. Replies that name no message (unparseable text, apologies,
 * claim all/last from unknown senders) get at most {@value #PASSIVE_ANSWERS_PER_HOUR} answers per
 * source per hour; after that they are still recorded but answered with silence.
 */
public final class ReplyService
{
    public static final int PASSIVE_ANSWERS_PER_HOUR = 3;

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);
    private static final int LOCK_WAIT_SECONDS = 10;

    private final Jdbi jdbi;
    private final ClaimService claims;
    private final Responders responders;
    private final ReplyDao replies;
    private final ResponseDao responses;

    @Inject
    public ReplyService(Jdbi jdbi, ClaimService claims, Responders responders)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.responders = requireNonNull(responders, "responders is null");
        this.replies = jdbi.onDemand(ReplyDao.class);
        this.responses = jdbi.onDemand(ResponseDao.class);
    }

    /**
     * Handles a reply that came in by {@code mode} (sms, call, email, slack) from {@code source}.
     *
     * @param content the reply as received, for the record
     * @throws IrisException 400 when the reply names a message or batch that does not exist
     */
    public ReplyAnswer handle(String mode, String source, Reply reply, String content)
    {
        requireNonNull(mode, "mode is null");
        requireNonNull(reply, "reply is null");
        String from = ResponseDao.source(source);
        return switch (reply.kind()) {
            case APOLOGY -> passive(from, content, ReplyAnswer.of(null, ReplyTexts.APOLOGY));
            case MESSAGE -> handleMessage(mode, from, reply.id().orElseThrow(), reply.command(), content);
            case BATCH -> handleBatch(mode, from, reply.id().orElseThrow(), reply.command(), content);
            case CLAIM_LAST -> handleClaimLast(mode, from, content);
            case CLAIM_ALL -> handleClaimAll(mode, from, content);
        };
    }

    /**
     * Records a reply that could not be parsed; whether it may still be answered (false once the
     * source is over the passive-reply limit).
     */
    public boolean recordUnparseable(String source, String content)
    {
        return recordPassive(ResponseDao.source(source), content);
    }

    /**
     * Records a reply that is not a command on a message (STOP, START...).
     */
    public void record(String source, String content)
    {
        responses.insert(null, ResponseDao.content(content), ResponseDao.source(source));
    }

    private ReplyAnswer handleMessage(String mode, String source, String messageId, String command, String content)
    {
        long id = Long.parseLong(messageId);
        Optional<MessageRef> found = replies.findMessage(id);
        if (found.isEmpty()) {
            responses.insert(null, ResponseDao.content(content), source);
            throw IrisException.badRequest("Invalid message(" + messageId + "): no application found.");
        }
        MessageRef message = found.get();
        responses.insert(id, ResponseDao.content(content), source);
        if (!Reply.CLAIM.equals(command)) {
            return ReplyAnswer.of(message.application(), ReplyTexts.UNKNOWN_COMMAND);
        }
        if (message.incidentId() == null) {
            return ReplyAnswer.of(message.application(), ReplyTexts.noIncident(messageId));
        }
        return responders.identify(mode, source)
                .map(responder -> ReplyAnswer.of(message.application(), claimOne(message.incidentId(), responder)))
                .orElseGet(() -> ReplyAnswer.of(message.application(), ReplyTexts.NO_OWNER));
    }

    private ReplyAnswer handleBatch(String mode, String source, String batchId, String command, String content)
    {
        List<MessageRef> messages = replies.findBatch(batchId);
        if (messages.isEmpty()) {
            responses.insert(null, ResponseDao.content(content), source);
            throw IrisException.badRequest("Invalid message id", "invalid message id: " + batchId);
        }
        for (MessageRef message : messages) {
            responses.insert(message.id(), ResponseDao.content(content), source);
        }
        // A batch aggregates messages of one plan, application and priority.
        String application = messages.get(0).application();
        if (!Reply.CLAIM.equals(command)) {
            return ReplyAnswer.of(application, ReplyTexts.UNKNOWN_COMMAND);
        }
        Responder responder = responders.identify(mode, source).orElse(null);
        if (responder == null) {
            return ReplyAnswer.of(application, ReplyTexts.NO_OWNER);
        }
        claimMany(incidentsOf(messages), responder);
        return ReplyAnswer.of(application, ReplyTexts.batchClaimed(batchId));
    }

    private ReplyAnswer handleClaimLast(String mode, String source, String content)
    {
        Responder responder = responders.identify(mode, source).orElse(null);
        if (responder == null) {
            return passive(source, content, ReplyAnswer.of(null, ReplyTexts.NO_OWNER));
        }
        return replies.findLastIncidentMessage(responder.userId())
                .map(messageId -> handleMessage(mode, source, String.valueOf(messageId), Reply.CLAIM, content))
                .orElseGet(() -> passive(source, content, ReplyAnswer.of(null, ReplyTexts.NOTHING_TO_CLAIM)));
    }

    private ReplyAnswer handleClaimAll(String mode, String source, String content)
    {
        Responder responder = responders.identify(mode, source).orElse(null);
        if (responder == null) {
            return passive(source, content, ReplyAnswer.of(null, ReplyTexts.NO_OWNER_ALL));
        }
        List<MessageRef> messages = replies.findMessagesOfActiveIncidents(responder.userId());
        if (messages.isEmpty()) {
            return passive(source, content, ReplyAnswer.of(null, ReplyTexts.NOTHING_TO_CLAIM));
        }
        for (MessageRef message : messages) {
            responses.insert(message.id(), ResponseDao.content(content), source);
        }
        Set<Long> claimed = new LinkedHashSet<>(claimMany(incidentsOf(messages), responder));

        Map<String, List<Long>> byApplication = new TreeMap<>();
        for (MessageRef message : messages) {
            List<Long> incidents = byApplication.computeIfAbsent(message.application(), application -> new ArrayList<>());
            if (!incidents.contains(message.incidentId())) {
                incidents.add(message.incidentId());
            }
        }
        List<ReplyAnswer.Email> emails = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Long>> entry : byApplication.entrySet()) {
            String text = bulkText(entry.getValue(), claimed);
            emails.add(new ReplyAnswer.Email(entry.getKey(), entry.getKey() + ": " + text));
            lines.add(byApplication.size() > 1 ? entry.getKey() + ": " + text : text);
        }
        return new ReplyAnswer(String.join("\n", lines), emails);
    }

    private static String bulkText(List<Long> incidents, Set<Long> claimed)
    {
        List<Long> done = incidents.stream().filter(claimed::contains).toList();
        List<Long> failed = incidents.stream().filter(id -> !claimed.contains(id)).toList();
        List<String> parts = new ArrayList<>();
        if (!done.isEmpty()) {
            parts.add(ReplyTexts.bulkClaimed(done));
        }
        if (!failed.isEmpty()) {
            parts.add("Iris Incidents failed to claim (" + failed.size() + "): "
                    + failed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return String.join("\n", parts);
    }

    private String claimOne(long incidentId, Responder responder)
    {
        return underLocks(List.of(incidentId), () -> {
            IncidentState state = replies.findIncident(incidentId)
                    .orElseThrow(() -> IrisException.badRequest("Invalid claim: no matching incident id"));
            if (isOwnedBy(state, responder)) {
                // A double tap or a redelivered callback: already done, same answer, no new event.
                return ReplyTexts.claimed(incidentId);
            }
            claims.claim(incidentId, responder.name());
            return state.owner() == null ? ReplyTexts.claimed(incidentId) : ReplyTexts.claimedFrom(incidentId, state.owner());
        });
    }

    /**
     * Claims the incidents for the responder; the ids now owned by them.
     */
    private List<Long> claimMany(List<Long> incidentIds, Responder responder)
    {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return underLocks(incidentIds, () -> {
            List<Long> owned = new ArrayList<>();
            List<Long> toClaim = new ArrayList<>();
            for (long incidentId : incidentIds) {
                replies.findIncident(incidentId).ifPresent(state -> {
                    owned.add(incidentId);
                    if (!isOwnedBy(state, responder)) {
                        toClaim.add(incidentId);
                    }
                });
            }
            if (!toClaim.isEmpty()) {
                claims.claimAll(toClaim, responder.name());
            }
            return owned;
        });
    }

    private static boolean isOwnedBy(IncidentState state, Responder responder)
    {
        return !state.active() && responder.name().equals(state.owner());
    }

    private static List<Long> incidentsOf(List<MessageRef> messages)
    {
        return messages.stream().map(MessageRef::incidentId).filter(Objects::nonNull).distinct().toList();
    }

    private <T> T underLocks(List<Long> incidentIds, Supplier<T> action)
    {
        // Always in id order, so two bulk claims cannot wait on each other.
        List<Long> ids = incidentIds.stream().sorted().distinct().toList();
        try (Handle handle = jdbi.open()) {
            ReplyDao locks = handle.attach(ReplyDao.class);
            List<Long> held = new ArrayList<>();
            try {
                for (long id : ids) {
                    Integer taken = locks.lockClaim(id, LOCK_WAIT_SECONDS);
                    if (taken == null || taken != 1) {
                        throw new IrisException(503, "Busy", "The incident is being claimed by another reply; try again");
                    }
                    held.add(id);
                }
                return action.get();
            }
            finally {
                for (long id : held) {
                    locks.unlockClaim(id);
                }
            }
        }
    }

    private ReplyAnswer passive(String source, String content, ReplyAnswer answer)
    {
        return recordPassive(source, content) ? answer : ReplyAnswer.silence();
    }

    private boolean recordPassive(String source, String content)
    {
        int earlier = responses.countPassiveInLastHour(source);
        responses.insert(null, ResponseDao.content(content), source);
        if (earlier >= PASSIVE_ANSWERS_PER_HOUR) {
            log.info("Not answering {}: {} replies naming no message within the hour (auto-responder?)", source, earlier + 1);
            return false;
        }
        return true;
    }
}
