package dev.iris.testing.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for Slack's Web API method {@code chat.postMessage}
 * ({@code POST /api/chat.postMessage}, bearer token, JSON or form body). Answers as Slack does:
 * HTTP 200 with {@code {"ok": true, "channel", "ts"}} or {@code {"ok": false, "error": ...}}, and
 * HTTP 429 with {@code Retry-After} when throttled.
 *
 * <p>Every request is recorded; accepted posts are listed by {@link #messages()}. Failures are
 * scripted with {@link #enqueueError}, {@link #enqueueThrottle} and {@link #enqueueHttpStatus}.
 * Thread-safe.
 */
public final class FakeSlackServer
        implements AutoCloseable
{
    /** A message Slack accepted: the channel as given, its text and the whole JSON payload. */
    public record PostedMessage(String channel, String text, String ts, JsonNode payload) {}

    private final String botToken;
    private final ObjectMapper json = new ObjectMapper();
    private final List<PostedMessage> messages = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHttpServer server;

    private FakeSlackServer(String botToken)
    {
        this.botToken = requireNonNull(botToken, "botToken is null");
        this.server = new FakeHttpServer("fake-slack", this::handle);
    }

    /**
     * Starts a fake Slack API on a random loopback port that accepts this bot token.
     */
    public static FakeSlackServer start(String botToken)
    {
        return new FakeSlackServer(botToken);
    }

    /**
     * The base URL to use instead of {@code https://slack.com/api}.
     */
    public String apiBaseUrl()
    {
        return server.baseUrl() + "/api";
    }

    public List<PostedMessage> messages()
    {
        return new ArrayList<>(messages);
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    public void reset()
    {
        messages.clear();
        scripted.clear();
        server.clearRequests();
    }

    /**
     * Answers the next post with {@code {"ok": false, "error": error}}, such as
     * {@code channel_not_found} or {@code invalid_auth}.
     */
    public void enqueueError(String error)
    {
        scripted.add(Reply.json(200, "{\"ok\":false,\"error\":\"" + error + "\"}"));
    }

    /**
     * Answers the next post with HTTP 429 and {@code Retry-After}.
     */
    public void enqueueThrottle(Duration retryAfter)
    {
        scripted.add(Reply.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", String.valueOf(retryAfter.toSeconds())));
    }

    /**
     * Answers the next post with a bare HTTP status (500, 503...).
     */
    public void enqueueHttpStatus(int status)
    {
        scripted.add(new Reply(status, "text/plain", "error", Map.of(), Duration.ZERO));
    }

    /**
     * Answers the next post only after {@code delay}, for client timeouts.
     */
    public void enqueueDelay(Duration delay)
    {
        scripted.add(Reply.json(200, "{\"ok\":false,\"error\":\"too_slow\"}").withDelay(delay));
    }

    private Reply handle(RecordedRequest request)
    {
        if (!request.method().equals("POST") || !request.path().equals("/api/chat.postMessage")) {
            return Reply.json(404, "{\"ok\":false,\"error\":\"unknown_method\"}");
        }
        Optional<String> authorization = request.header("Authorization");
        String expected = "Bearer " + botToken;
        if (authorization.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.get().getBytes(StandardCharsets.UTF_8))) {
            return Reply.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        JsonNode payload;
        try {
            payload = request.header("Content-Type").orElse("").startsWith("application/json")
                    ? json.readTree(request.body())
                    : json.valueToTree(request.form());
        }
        catch (JsonProcessingException e) {
            return Reply.json(200, "{\"ok\":false,\"error\":\"invalid_json\"}");
        }
        String channel = payload.path("channel").asText("");
        if (channel.isEmpty()) {
            return Reply.json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        }
        if (payload.path("text").asText("").isEmpty() && !payload.has("blocks") && !payload.has("attachments")) {
            return Reply.json(200, "{\"ok\":false,\"error\":\"no_text\"}");
        }
        String ts = (1_700_000_000L + sequence.incrementAndGet()) + ".000100";
        messages.add(new PostedMessage(channel, payload.path("text").asText(""), ts, payload));
        ObjectNode answer = json.createObjectNode();
        answer.put("ok", true);
        answer.put("channel", "C" + Math.abs(channel.hashCode()));
        answer.put("ts", ts);
        answer.set("message", payload);
        return Reply.json(200, answer.toString());
    }

    /**
     * A person pressed a button of an Iris message in Slack: posts Slack's legacy
     * {@code interactive_message} payload ({@code callback_id} = the Iris message id,
     * {@code actions[0].name} = {@code claim} or {@code claim all}, {@code user.name}) as the form
     * field {@code payload} to {@code url}, signed with {@code signingSecret}
     * ({@code X-Slack-Signature: v0=hex(HMAC-SHA256("v0:" + timestamp + ":" + body))} and
     * {@code X-Slack-Request-Timestamp}).
     *
     * @return the receiver's HTTP status and body
     */
    public Answer pressButton(String url, String signingSecret, long messageId, String action, String userName, long timestamp)
    {
        ObjectNode payload = json.createObjectNode();
        payload.put("type", "interactive_message");
        payload.put("callback_id", String.valueOf(messageId));
        payload.putObject("team").put("id", "T0001").put("domain", "example");
        payload.putObject("channel").put("id", "D0001").put("name", "directmessage");
        ObjectNode user = payload.putObject("user");
        user.put("id", "U" + Math.abs(userName.hashCode()));
        user.put("name", userName);
        payload.putArray("actions").addObject().put("name", action).put("type", "button").put("value", action.replace("claim", "claimed"));
        payload.put("action_ts", timestamp + ".000001");
        payload.put("message_ts", timestamp + ".000100");
        payload.put("response_url", "https://hooks.slack.com/actions/T0001/1/abc");
        String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = callbackClient.send(request, HttpResponse.BodyHandlers.ofString());
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

    /** What a receiver answered. */
    public record Answer(int status, String body) {}

    /**
     * Slack's request signature over a raw body.
     */
    public static String signature(String signingSecret, long timestamp, String body)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
