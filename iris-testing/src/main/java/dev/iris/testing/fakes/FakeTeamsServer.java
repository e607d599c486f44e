package dev.iris.testing.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for a Teams Workflows webhook ("When a Teams webhook request is received"):
 * {@code POST /workflows/<id>/triggers/manual/paths/invoke?api-version=...&sp=...&sv=1.0&sig=<sig>}
 * with {@code {"type": "message", "attachments": [{"contentType":
 * "application/vnd.microsoft.card.adaptive", "content": <card>}]}}. Answers as Power Automate does:
 * 202 with no body, or {@code {"error": {"code", "message"}}}: 401
 * {@code DirectApiInvalidAuthorizationSignature} for a wrong {@code sig}, 404
 * {@code WorkflowNotFound} for an unknown flow, 400 {@code InvalidRequestContent} for a body that
 * is not JSON. Like Teams, it refuses a card whose mention entity's text is not in the card's text
 * (the flow run fails). Nothing comes back from Teams: an {@code Action.OpenUrl} opens a browser,
 * which tests play themselves with {@link Card#openUrl}. Thread-safe.
 */
public final class FakeTeamsServer
        implements AutoCloseable
{
    /** A card the flow posted to the channel. */
    public record Card(JsonNode message)
    {
        public JsonNode content()
        {
            return message.path("attachments").path(0).path("content");
        }

        /** The ids (UPNs) the card mentions. */
        public List<String> mentioned()
        {
            List<String> ids = new ArrayList<>();
            content().path("msteams").path("entities").forEach(entity -> ids.add(entity.path("mentioned").path("id").asText()));
            return ids;
        }

        public String text()
        {
            StringBuilder text = new StringBuilder();
            content().path("body").forEach(block -> text.append(block.path("text").asText("")).append('\n'));
            return text.toString();
        }

        /** The URL of the {@code Action.OpenUrl} titled {@code title}: what the browser opens. */
        public Optional<String> openUrl(String title)
        {
            for (JsonNode action : content().path("actions")) {
                if (action.path("type").asText().equals("Action.OpenUrl") && title.equals(action.path("title").asText())) {
                    return Optional.of(action.path("url").asText());
                }
            }
            return Optional.empty();
        }
    }

    private final String workflowId;
    private final String signature;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Card> cards = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final FakeHttpServer server;

    private FakeTeamsServer(String workflowId, String signature)
    {
        this.workflowId = workflowId;
        this.signature = signature;
        this.server = new FakeHttpServer("fake-teams", this::handle);
    }

    public static FakeTeamsServer start(String workflowId, String signature)
    {
        return new FakeTeamsServer(requireNonNull(workflowId, "workflowId is null"), requireNonNull(signature, "signature is null"));
    }

    /** The flow's URL, as Teams shows it when the workflow is created. */
    public String webhookUrl()
    {
        return server.baseUrl() + "/workflows/" + workflowId + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + signature;
    }

    public String baseUrl()
    {
        return server.baseUrl();
    }

    public List<Card> cards()
    {
        return new ArrayList<>(cards);
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Answers the next post with a Workflows error (and, for 429, a Retry-After of 7 s).
     */
    public void enqueueError(int status, String code)
    {
        Reply reply = error(status, code);
        scripted.add(status == 429 ? reply.withHeader("Retry-After", "7") : reply);
    }

    private Reply handle(RecordedRequest request)
    {
        if (!request.path().equals("/workflows/" + workflowId + "/triggers/manual/paths/invoke")) {
            return error(404, "WorkflowNotFound");
        }
        if (!request.method().equals("POST")) {
            return error(405, "TriggerRequestMethodNotValid");
        }
        String presented = query(request.query()).getOrDefault("sig", "");
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return error(401, "DirectApiInvalidAuthorizationSignature");
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        JsonNode message;
        try {
            message = json.readTree(request.body());
        }
        catch (JsonProcessingException e) {
            return error(400, "InvalidRequestContent");
        }
        if (message == null || !message.path("type").asText().equals("message")
                || !message.path("attachments").path(0).path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")) {
            return error(400, "InvalidRequestContent");
        }
        Card card = new Card(message);
        for (JsonNode entity : card.content().path("msteams").path("entities")) {
            if (!card.text().contains(entity.path("text").asText("\u0000"))) {
                return error(400, "InvalidRequestContent");
            }
        }
        cards.add(card);
        return new Reply(202, "text/plain", "", Map.of(), Duration.ZERO);
    }

    private static Map<String, String> query(String query)
    {
        Map<String, String> values = new java.util.HashMap<>();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private Reply error(int status, String code)
    {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", code).put("message", "The request failed: " + code + ".");
        return Reply.json(status, body.toString());
    }

    @Override
    public void close()
    {
        server.close();
    }
}
