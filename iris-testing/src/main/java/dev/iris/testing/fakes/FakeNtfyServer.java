package dev.iris.testing.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A stand-in for an ntfy server's JSON publishing ({@code POST /} with
 * {@code {"topic", "message", "title", "priority", "tags", "click", "actions"}}, optionally
 * {@code Authorization: Bearer <access token>}). Answers as ntfy does: HTTP 200 with the message
 * ({@code {"id", "time", "expires", "event": "message", "topic", ...}}), or an error
 * {@code {"code", "http", "error"}}: 401 without a valid token, 400 for an invalid topic or
 * priority, 429 when throttled.
 *
 * <p>{@link #tapAction} does what the ntfy app does when a person taps an {@code http} action
 * button: it sends the action's method, headers and body to its URL. ntfy itself signs nothing;
 * the claim button's body carries Iris's own signed token. Thread-safe.
 */
public final class FakeNtfyServer
        implements AutoCloseable
{
    /** A notification ntfy accepted: its id and the whole JSON that was published. */
    public record Published(String id, String topic, JsonNode payload)
    {
        public int priority()
        {
            return payload.path("priority").asInt(3);
        }

        public String click()
        {
            return payload.path("click").asText("");
        }

        public Optional<JsonNode> action(String label)
        {
            for (JsonNode action : payload.path("actions")) {
                if (label.equals(action.path("label").asText())) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    /** What a receiver answered. */
    public record Answer(int status, String body) {}

    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

    private final String accessToken;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient actionClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHttpServer server;

    private FakeNtfyServer(String accessToken)
    {
        this.accessToken = accessToken;
        this.server = new FakeHttpServer("fake-ntfy", this::handle);
    }

    /**
     * Starts a fake ntfy server on a random loopback port that requires this access token.
     */
    public static FakeNtfyServer start(String accessToken)
    {
        return new FakeNtfyServer(java.util.Objects.requireNonNull(accessToken, "accessToken is null"));
    }

    public String baseUrl()
    {
        return server.baseUrl();
    }

    public List<Published> published()
    {
        return new ArrayList<>(published);
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Answers the next publish with an ntfy error of this HTTP status.
     */
    public void enqueueError(int status, String error)
    {
        scripted.add(error(status, error));
    }

    private Reply handle(RecordedRequest request)
    {
        if (!request.method().equals("POST") && !request.method().equals("PUT")) {
            return error(405, "method not allowed");
        }
        if (!request.path().equals("/")) {
            return error(404, "page not found");
        }
        String expected = "Bearer " + accessToken;
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.get().getBytes(StandardCharsets.UTF_8))) {
            return error(401, "unauthorized");
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        }
        catch (JsonProcessingException e) {
            return error(400, "invalid request: request body must be message JSON");
        }
        if (payload == null || !payload.isObject()) {
            return error(400, "invalid request: request body must be message JSON");
        }
        String topic = payload.path("topic").asText("");
        if (!TOPIC.matcher(topic).matches()) {
            return error(400, "invalid request: topic invalid");
        }
        int priority = payload.path("priority").asInt(3);
        if (payload.has("priority") && (!payload.get("priority").canConvertToInt() || priority < 1 || priority > 5)) {
            return error(400, "invalid request: priority invalid");
        }
        if (payload.path("actions").size() > 3) {
            return error(400, "invalid request: too many actions, only 3 allowed");
        }
        String id = "ntfy" + sequence.incrementAndGet();
        published.add(new Published(id, topic, payload));
        long now = System.currentTimeMillis() / 1000;
        ObjectNode answer = json.createObjectNode();
        answer.put("id", id);
        answer.put("time", now);
        answer.put("expires", now + 43_200);
        answer.put("event", "message");
        answer.put("topic", topic);
        answer.put("title", payload.path("title").asText(""));
        answer.put("message", payload.path("message").asText(""));
        answer.put("priority", priority);
        return Reply.json(200, answer.toString());
    }

    private Reply error(int status, String error)
    {
        ObjectNode body = json.createObjectNode();
        body.put("code", status * 100 + 1);
        body.put("http", status);
        body.put("error", error);
        return Reply.json(status, body.toString());
    }

    /**
     * Taps the {@code http} action button labelled {@code label} of a published notification, as
     * the ntfy app does: the action's method (default POST), headers and body, sent to its URL.
     */
    public Answer tapAction(Published notification, String label)
    {
        JsonNode action = notification.action(label).orElseThrow(() -> new IllegalArgumentException("no action " + label));
        if (!"http".equals(action.path("action").asText())) {
            throw new IllegalArgumentException("not an http action: " + label);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(action.path("url").asText()))
                .timeout(Duration.ofSeconds(15))
                .method(action.path("method").asText("POST"), HttpRequest.BodyPublishers.ofString(action.path("body").asText(""), StandardCharsets.UTF_8));
        action.path("headers").fields().forEachRemaining(header -> request.header(header.getKey(), header.getValue().asText()));
        try {
            HttpResponse<String> response = actionClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
