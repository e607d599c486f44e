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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for the Telegram Bot API ({@code POST /bot<token>/<method>}, JSON): {@code sendMessage}
 * answers {@code {"ok": true, "result": {message}}} or {@code {"ok": false, "error_code",
 * "description"}} as Telegram does (401 for a wrong token, 400 "chat not found", 429 with
 * {@code parameters.retry_after}).
 *
 * <p>As Telegram delivers updates to a webhook, {@link #pressButton} and {@link #reply} POST an
 * {@code Update} to the given URL with the {@code X-Telegram-Bot-Api-Secret-Token} header Telegram
 * sends when the webhook was set with a {@code secret_token}; what the receiver answers (a Bot API
 * method call in the webhook response) is returned. Thread-safe.
 */
public final class FakeTelegramServer
        implements AutoCloseable
{
    /** A message the bot sent: the chat id, the text and the whole request. */
    public record SentMessage(long messageId, String chatId, String text, JsonNode payload)
    {
        public List<String> callbackData()
        {
            List<String> data = new ArrayList<>();
            payload.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button -> {
                if (button.has("callback_data")) {
                    data.add(button.get("callback_data").asText());
                }
            }));
            return data;
        }
    }

    /** What a receiver answered. */
    public record Answer(int status, String body) {}

    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final String botToken;
    private final ObjectMapper json = new ObjectMapper();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong(1000);
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHttpServer server;

    private FakeTelegramServer(String botToken)
    {
        this.botToken = requireNonNull(botToken, "botToken is null");
        this.server = new FakeHttpServer("fake-telegram", this::handle);
    }

    public static FakeTelegramServer start(String botToken)
    {
        return new FakeTelegramServer(botToken);
    }

    /** The base URL to use instead of {@code https://api.telegram.org}. */
    public String baseUrl()
    {
        return server.baseUrl();
    }

    public List<SentMessage> sent()
    {
        return new ArrayList<>(sent);
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Answers the next call with a Bot API error.
     */
    public void enqueueError(int errorCode, String description, Integer retryAfter)
    {
        ObjectNode body = json.createObjectNode().put("ok", false).put("error_code", errorCode).put("description", description);
        if (retryAfter != null) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        scripted.add(Reply.json(errorCode, body.toString()));
    }

    private Reply handle(RecordedRequest request)
    {
        String prefix = "/bot" + botToken + "/";
        if (!request.path().startsWith("/bot")) {
            return Reply.json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        }
        if (!request.path().startsWith(prefix)) {
            return Reply.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        String method = request.path().substring(prefix.length());
        if (!method.equals("sendMessage")) {
            return Reply.json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        }
        catch (JsonProcessingException e) {
            return Reply.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse JSON\"}");
        }
        String chatId = payload.path("chat_id").asText("");
        if (!chatId.matches("-?[0-9]+")) {
            return Reply.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        }
        String text = payload.path("text").asText("");
        if (text.isEmpty() || text.length() > 4096) {
            return Reply.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty or too long\"}");
        }
        long messageId = sequence.incrementAndGet();
        sent.add(new SentMessage(messageId, chatId, text, payload));
        ObjectNode answer = json.createObjectNode().put("ok", true);
        ObjectNode result = answer.putObject("result");
        result.put("message_id", messageId);
        result.putObject("chat").put("id", Long.parseLong(chatId)).put("type", "private");
        result.put("date", System.currentTimeMillis() / 1000);
        result.put("text", text);
        return Reply.json(200, answer.toString());
    }

    /**
     * The person {@code fromId} tapped the inline button with {@code callbackData} under
     * {@code message}: a {@code callback_query} update.
     */
    public Answer pressButton(String webhookUrl, String secretToken, SentMessage message, long fromId, String callbackData)
    {
        ObjectNode update = json.createObjectNode().put("update_id", sequence.incrementAndGet());
        ObjectNode query = update.putObject("callback_query");
        query.put("id", String.valueOf(sequence.incrementAndGet()));
        query.putObject("from").put("id", fromId).put("is_bot", false).put("first_name", "Alice");
        query.set("message", sentAsUpdate(message));
        query.put("chat_instance", "-1234");
        query.put("data", callbackData);
        return post(webhookUrl, secretToken, update);
    }

    /**
     * The person {@code fromId} replied {@code text} to {@code message} (or, with a null message,
     * wrote it without replying): a {@code message} update.
     */
    public Answer reply(String webhookUrl, String secretToken, SentMessage message, long fromId, String text)
    {
        ObjectNode update = json.createObjectNode().put("update_id", sequence.incrementAndGet());
        ObjectNode written = update.putObject("message");
        written.put("message_id", sequence.incrementAndGet());
        written.putObject("from").put("id", fromId).put("is_bot", false).put("first_name", "Alice");
        written.putObject("chat").put("id", fromId).put("type", "private");
        written.put("date", System.currentTimeMillis() / 1000);
        written.put("text", text);
        if (message != null) {
            written.set("reply_to_message", sentAsUpdate(message));
        }
        return post(webhookUrl, secretToken, update);
    }

    private ObjectNode sentAsUpdate(SentMessage message)
    {
        ObjectNode node = json.createObjectNode();
        node.put("message_id", message.messageId());
        node.putObject("chat").put("id", Long.parseLong(message.chatId())).put("type", "private");
        node.put("text", message.text());
        return node;
    }

    private Answer post(String url, String secretToken, ObjectNode update)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.toString(), StandardCharsets.UTF_8));
        if (secretToken != null) {
            request.header(SECRET_HEADER, secretToken);
        }
        try {
            HttpResponse<String> response = webhookClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
