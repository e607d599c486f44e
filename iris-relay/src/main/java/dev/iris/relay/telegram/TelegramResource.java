package dev.iris.relay.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.common.http.IrisException;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.api.ReplyTexts;
import dev.iris.relay.http.RequestBodies;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Telegram bot's webhook. Telegram proves an update is its own only by echoing the webhook's
 * secret token in {@code X-Telegram-Bot-Api-Secret-Token}, which is compared in constant time
 * before the body is read. Two kinds of update claim:
 * <ul>
 * <li>{@code callback_query}: the Claim ({@code claim:<message id>}) or Claim all
 * ({@code claim_all:<message id>}) button; answered with {@code answerCallbackQuery};</li>
 * <li>{@code message}: a text such as "claim" replying to an Iris message (whose text starts with
 * the Iris message id), or "<id> claim", "claim all"; answered with {@code sendMessage}.</li>
 * </ul>
 * The answer is a Bot API call in the webhook's response, so the relay needs no bot token. The
 * person is identified by their Telegram user id, their {@code telegram} contact ("/start" tells
 * them what it is). Other updates
 * are acknowledged and ignored (anything but 2xx makes Telegram send them again).
 */
@Path("/api/v0/telegram/webhook")
public final class TelegramResource
{
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final String API_PATH = "/v0/response/telegram";

    private static final Logger log = LoggerFactory.getLogger(TelegramResource.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BUTTON = Pattern.compile("(claim|claim_all):([0-9]{1,18})");
    private static final Pattern LEADING_ID = Pattern.compile("^([0-9]{1,18}) ");
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final byte[] secretToken;
    private final ApiClient api;
    private final Duration apiTimeout;

    public TelegramResource(String secretToken, ApiClient api, Duration apiTimeout)
    {
        this.secretToken = requireNonNull(secretToken, "secretToken is null").getBytes(StandardCharsets.UTF_8);
        this.api = requireNonNull(api, "api is null");
        this.apiTimeout = requireNonNull(apiTimeout, "apiTimeout is null");
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode update(@HeaderParam(SECRET_HEADER) String presented, InputStream body)
    {
        if (secretToken.length == 0 || presented == null
                || !MessageDigest.isEqual(secretToken, presented.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused a Telegram update: {}", secretToken.length == 0 ? "no telegram.secretToken is configured" : "wrong or missing secret token");
            RequestBodies.discard(body, MAX_BODY_BYTES);
            throw IrisException.unauthorized("Unauthorized", "Invalid X-Telegram-Bot-Api-Secret-Token");
        }
        JsonNode update;
        try {
            update = MAPPER.readTree(RequestBodies.read(body, MAX_BODY_BYTES));
        }
        catch (IOException e) {
            throw IrisException.badRequest("Bad Request", "The update is not JSON");
        }
        if (update == null || !update.isObject()) {
            throw IrisException.badRequest("Bad Request", "The update is not a JSON object");
        }
        JsonNode query = update.path("callback_query");
        if (query.isObject()) {
            return button(query);
        }
        JsonNode message = update.path("message");
        if (message.isObject() && message.path("text").isTextual() && message.path("from").path("id").canConvertToLong()) {
            return text(message);
        }
        return MAPPER.createObjectNode();
    }

    private JsonNode button(JsonNode query)
    {
        Matcher data = BUTTON.matcher(query.path("data").asText(""));
        String from = query.path("from").path("id").asText("");
        ObjectNode answer = MAPPER.createObjectNode()
                .put("method", "answerCallbackQuery")
                .put("callback_query_id", query.path("id").asText(""));
        if (!data.matches() || from.isEmpty()) {
            return answer.put("text", "This button is not an Iris action.");
        }
        String content = data.group(1).equals("claim") ? "claim" : "claim all";
        return answer.put("text", forward(Long.parseLong(data.group(2)), from, content));
    }

    private JsonNode text(JsonNode message)
    {
        String from = message.path("from").path("id").asText();
        String text = message.path("text").asText().strip();
        if (text.equals("/start")) {
            // How a person learns the id to enter as their telegram contact on the settings page.
            return MAPPER.createObjectNode()
                    .put("method", "sendMessage")
                    .put("chat_id", message.path("chat").path("id").asText(from))
                    .put("text", "Your Telegram user id is " + from + ". Enter it as your telegram contact on your Iris settings page.");
        }
        Matcher replied = LEADING_ID.matcher(message.path("reply_to_message").path("text").asText(""));
        Long messageId = replied.find() ? Long.valueOf(replied.group(1)) : null;
        return MAPPER.createObjectNode()
                .put("method", "sendMessage")
                .put("chat_id", message.path("chat").path("id").asText(from))
                .put("text", forward(messageId, from, text));
    }

    private String forward(Long messageId, String source, String content)
    {
        ObjectNode claim = MAPPER.createObjectNode();
        if (messageId != null) {
            claim.put("msg_id", messageId);
        }
        claim.put("source", source).put("content", content);
        try {
            IrisApiResponse response = api.post(API_PATH, ApiClient.JSON, claim.toString(), apiTimeout);
            return ReplyTexts.forAnswer(response, API_PATH);
        }
        catch (IrisApiUnreachableException e) {
            return e.timedOut() ? ReplyTexts.API_SLOW : ReplyTexts.API_UNREACHABLE;
        }
    }
}
