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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for a Mattermost server's incoming webhook ({@code POST /hooks/<id>} with
 * {@code {"channel", "username", "text", "attachments"}}) and for its side of interactive message
 * buttons. Answers as Mattermost does: {@code 200 ok} (text/plain), or an error
 * {@code {"id", "message", "detailed_error", "request_id", "status_code"}}: 400
 * {@code web.incoming_webhook.invalid.app_error} for an unknown hook, 400
 * {@code web.incoming_webhook.user.app_error} for {@code @user} that does not exist, 501
 * {@code web.incoming_webhook.disabled.app_error}.
 *
 * <p>{@link #pressButton} does what Mattermost's server does when a person presses a message
 * button: it POSTs {@code {user_id, user_name, channel_id, channel_name, team_id, team_domain,
 * post_id, trigger_id, type, data_source, context}} to the action's integration URL (Mattermost
 * signs nothing), then applies the answer ({@code update} replaces the post's message and props,
 * {@code ephemeral_text} is shown to the presser only). Thread-safe.
 */
public final class FakeMattermostServer
        implements AutoCloseable
{
    /** A post the webhook made: its id, the channel it went to ({@code @user}) and the JSON. */
    public static final class Post
    {
        private final String id;
        private final String channel;
        private volatile JsonNode payload;

        Post(String id, String channel, JsonNode payload)
        {
            this.id = id;
            this.channel = channel;
            this.payload = payload;
        }

        public String id()
        {
            return id;
        }

        public String channel()
        {
            return channel;
        }

        /** The post as it is now (after any update an action answer made). */
        public JsonNode payload()
        {
            return payload;
        }

        public String titleLink()
        {
            return payload.path("attachments").path(0).path("title_link").asText("");
        }

        public Optional<JsonNode> action(String name)
        {
            for (JsonNode attachment : payload.path("attachments")) {
                for (JsonNode action : attachment.path("actions")) {
                    if (name.equals(action.path("name").asText())) {
                        return Optional.of(action);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** What the integration answered, and the ephemeral text Mattermost showed the presser. */
    public record Answer(int status, String body, Optional<String> ephemeralText) {}

    private final String hookId;
    private final Set<String> users;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient actionClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHttpServer server;

    private FakeMattermostServer(String hookId, Set<String> users)
    {
        this.hookId = hookId;
        this.users = Set.copyOf(users);
        this.server = new FakeHttpServer("fake-mattermost", this::handle);
    }

    /**
     * Starts a fake Mattermost on a random loopback port with one incoming webhook and these users.
     */
    public static FakeMattermostServer start(String hookId, Set<String> users)
    {
        return new FakeMattermostServer(requireNonNull(hookId, "hookId is null"), requireNonNull(users, "users is null"));
    }

    /** The incoming webhook's URL. */
    public String webhookUrl()
    {
        return server.baseUrl() + "/hooks/" + hookId;
    }

    public String baseUrl()
    {
        return server.baseUrl();
    }

    public List<Post> posts()
    {
        return new ArrayList<>(posts);
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Answers the next webhook post with a Mattermost error.
     */
    public void enqueueError(int status, String id, String message)
    {
        scripted.add(error(status, id, message));
    }

    private Reply handle(RecordedRequest request)
    {
        if (!request.method().equals("POST")) {
            return error(405, "api.context.405.app_error", "Method not allowed.");
        }
        if (!request.path().equals("/hooks/" + hookId)) {
            return error(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.");
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
            return error(400, "api.webhook.incoming.error", "Could not decode the multipart payload of incoming webhook.");
        }
        if (payload == null || !payload.isObject()) {
            return error(400, "api.webhook.incoming.error", "Could not decode the multipart payload of incoming webhook.");
        }
        if (payload.path("text").asText("").isBlank() && payload.path("attachments").isEmpty()) {
            return error(400, "web.incoming_webhook.text.app_error", "No text specified.");
        }
        String channel = payload.path("channel").asText("town-square");
        if (channel.startsWith("@") && !users.contains(channel.substring(1))) {
            return error(400, "web.incoming_webhook.user.app_error", "Couldn't find the user.");
        }
        for (JsonNode attachment : payload.path("attachments")) {
            for (JsonNode action : attachment.path("actions")) {
                if (!action.path("id").asText("").matches("[A-Za-z0-9]*")) {
                    return error(400, "model.post.is_valid.action_id.app_error", "Invalid action id.");
                }
            }
        }
        posts.add(new Post("post" + sequence.incrementAndGet(), channel, payload));
        return new Reply(200, "text/plain; charset=utf-8", "ok", java.util.Map.of(), Duration.ZERO);
    }

    private Reply error(int status, String id, String message)
    {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("message", message);
        body.put("detailed_error", "");
        body.put("request_id", "req" + sequence.incrementAndGet());
        body.put("status_code", status);
        return Reply.json(status, body.toString());
    }

    /**
     * Presses the button {@code name} of a post as {@code username}, as Mattermost's server does:
     * the integration request to the action's URL, then the answer applied to the post.
     */
    public Answer pressButton(Post post, String name, String username)
    {
        JsonNode action = post.action(name).orElseThrow(() -> new IllegalArgumentException("no button " + name));
        ObjectNode request = json.createObjectNode();
        request.put("user_id", "uid-" + username);
        request.put("user_name", username);
        request.put("channel_id", "cid-" + post.channel().replace("@", ""));
        request.put("channel_name", post.channel());
        request.put("team_id", "tid-iris");
        request.put("team_domain", "iris");
        request.put("post_id", post.id());
        request.put("trigger_id", "trigger-" + sequence.incrementAndGet());
        request.put("type", "");
        request.put("data_source", "");
        request.set("context", action.path("integration").path("context").deepCopy());
        HttpRequest http = HttpRequest.newBuilder(URI.create(action.path("integration").path("url").asText()))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = actionClient.send(http, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Optional<String> ephemeral = Optional.empty();
        if (response.statusCode() == 200) {
            try {
                JsonNode answer = json.readTree(response.body());
                JsonNode update = answer.path("update");
                if (update.isObject()) {
                    ObjectNode updated = post.payload().deepCopy();
                    if (update.has("message")) {
                        updated.set("text", update.get("message"));
                    }
                    if (update.path("props").isObject()) {
                        updated.remove("attachments");
                        update.path("props").fields().forEachRemaining(field -> updated.set(field.getKey(), field.getValue()));
                    }
                    post.payload = updated;
                }
                ephemeral = Optional.ofNullable(answer.path("ephemeral_text").textValue());
            }
            catch (JsonProcessingException e) {
                // Mattermost ignores an answer that is not JSON.
            }
        }
        return new Answer(response.statusCode(), response.body(), ephemeral);
    }

    @Override
    public void close()
    {
        server.close();
    }
}
