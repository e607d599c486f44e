package dev.iris.api.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;
import dev.iris.core.incident.IncidentCreation;
import dev.iris.core.incident.IncidentService;
import dev.iris.core.response.OutOfBandEmailDao;
import dev.iris.core.response.Reply;
import dev.iris.core.response.ReplyAnswer;
import dev.iris.core.response.ReplyParser;
import dev.iris.core.response.ReplyService;
import dev.iris.core.response.ReplyTexts;
import dev.iris.core.response.Responder;
import dev.iris.core.response.Responders;
import dev.iris.core.response.SmsOptOutService;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Inbound mail: either a fresh mail to an incident address (it opens an incident) or a reply to a
 * page (its first line is a command, answered by email).
 *
 * <p>An incident opened by mail has Iris's context {@code {body, email, subject, sender}}, stored
 * whole whatever the application's variables (as Iris does). Its {@code Message-ID} is the
 * deduplication key, so a mail delivered twice opens one incident.
 *
 * <p>A reply from an address that is no Iris user's email contact is refused with Iris's 400
 * (Iris fails to address its answer to a stranger); nothing is mailed back.
 */
public final class EmailReplies
{
    public static final String INCIDENT_HEADER = "X-IRIS-INCIDENT";
    public static final String NOT_FRESH = "Not created (email reply not fresh email)";
    public static final String NO_TEMPLATES = "Not created (no template actions for this app)";

    private static final Logger log = LoggerFactory.getLogger(EmailReplies.class);
    private static final int MAX_DEDUP_KEY_CHARACTERS = 255;

    /**
     * What to answer the relay: 204, with the incident header when an incident address was hit.
     */
    public record Outcome(Optional<String> incidentHeader) {}

    private final IncidentService incidents;
    private final ReplyService replies;
    private final Responders responders;
    private final IncidentEmailDao routes;
    private final OutOfBandEmailDao emails;
    private final ObjectMapper objectMapper;

    @Inject
    public EmailReplies(Jdbi jdbi, IncidentService incidents, ReplyService replies, Responders responders, ObjectMapper objectMapper)
    {
        requireNonNull(jdbi, "jdbi is null");
        this.incidents = requireNonNull(incidents, "incidents is null");
        this.replies = requireNonNull(replies, "replies is null");
        this.responders = requireNonNull(responders, "responders is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.routes = jdbi.onDemand(IncidentEmailDao.class);
        this.emails = jdbi.onDemand(OutOfBandEmailDao.class);
    }

    Outcome handle(InboundEmail mail)
    {
        String source = mail.header("From").map(EmailAddresses::first).orElse("");
        if (source.isEmpty()) {
            throw IrisException.badRequest("Missing source", "No source found in headers");
        }
        String subject = mail.header("Subject").orElse(null);
        String body = mail.body().strip();

        List<String> recipients = mail.recipients();
        if (!recipients.isEmpty()) {
            Optional<IncidentEmailDao.Route> route = routes.findRoute(recipients);
            if (route.isPresent()) {
                return new Outcome(Optional.of(openIncident(mail, route.get(), recipients, source, subject, body)));
            }
        }

        String firstLine = ReplyParser.firstLine(body);
        Optional<Reply> reply = ReplyParser.parseEmail(firstLine, subject);
        if (reply.isEmpty()) {
            if (replies.recordUnparseable(source, firstLine)) {
                throw IrisException.badRequest(ReplyTexts.INVALID_RESPONSE, "Invalid response: " + firstLine);
            }
            return new Outcome(Optional.empty());
        }
        ReplyAnswer answer = replies.handle("email", source, reply.get(), firstLine);
        Responder responder = requireKnownSender(source);
        sendAnswer(responder, source, subject, answer, null);
        return new Outcome(Optional.empty());
    }

    /**
     * A one-click claim: the answer is mailed back with itself as the subject (as Iris does).
     */
    void oneClick(String messageId, String address)
    {
        String source = EmailAddresses.first(address);
        if (source.isEmpty()) {
            throw IrisException.badRequest("Post body missing required key or key of wrong type");
        }
        ReplyAnswer answer = replies.handle("email", source, Reply.message(messageId, Reply.CLAIM), Reply.CLAIM);
        Responder responder = requireKnownSender(source);
        sendAnswer(responder, source, null, answer, answer.text());
    }

    /**
     * The Iris user behind a reply's address. Iris's answer mail is addressed to that user, and
     * Iris refuses the reply with this 400 when there is none; we never mail strangers either (an
     * answer to a forged or unknown sender would be backscatter).
     */
    private Responder requireKnownSender(String source)
    {
        return responders.identify("email", source).orElseThrow(() -> {
            log.info("Refusing mail from {}: no Iris user has that address", source);
            return IrisException.badRequest("Invalid request", "Failed to lookup target from destination: " + source);
        });
    }

    private String openIncident(InboundEmail mail, IncidentEmailDao.Route route, List<String> recipients, String source, String subject, String body)
    {
        if (mail.has("In-Reply-To")) {
            log.info("Not opening an incident for a reply to {} from {}", route.email(), source);
            return NOT_FRESH;
        }
        ObjectNode context = objectMapper.createObjectNode();
        context.put("body", body);
        context.set("email", objectMapper.valueToTree(recipients));
        context.put("subject", subject);
        context.put("sender", source);
        // The same mail delivered twice (an IMAP poller retrying after a timeout) opens one incident.
        String dedupKey = mail.header("Message-ID")
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .map(id -> "email:" + id)
                .map(key -> key.length() <= MAX_DEDUP_KEY_CHARACTERS ? key : key.substring(0, MAX_DEDUP_KEY_CHARACTERS))
                .orElse(null);
        try {
            IncidentCreation created = incidents.createWithWholeContext(route.application(), route.planName(), context, dedupKey);
            log.info("Mail from {} to {} opened incident {}", source, route.email(), created.incidentId());
            return String.valueOf(created.incidentId());
        }
        catch (IrisException e) {
            log.warn("Mail from {} to {} opened no incident: {}", source, route.email(), e.getMessage());
            if (e.title().equals(IncidentService.NO_TEMPLATES)) {
                return NO_TEMPLATES;
            }
            return "Not created (" + e.title() + ")";
        }
    }

    private void sendAnswer(Responder responder, String source, String subject, ReplyAnswer answer, String subjectOverride)
    {
        if (answer.emails().isEmpty()) {
            return;
        }
        String answerSubject = OutOfBandEmailDao.subject(subjectOverride != null ? subjectOverride : "Re: " + (subject == null ? "" : subject));
        for (ReplyAnswer.Email email : answer.emails()) {
            String application = email.application() == null ? SmsOptOutService.INTERNAL_APPLICATION : email.application();
            if (emails.queue(application, responder.userId(), source, answerSubject, email.body()) == 0) {
                log.warn("Could not queue the answer to {}: no application {}", source, application);
            }
        }
    }
}
