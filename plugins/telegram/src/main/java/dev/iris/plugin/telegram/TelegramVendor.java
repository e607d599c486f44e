package dev.iris.plugin.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Sends with the Bot API's {@code sendMessage} to the person's chat id (their {@code telegram}
 * contact: the numeric id of their private chat with the bot, which is their user id). The text
 * starts with the Iris message id, as an SMS does, so a reply "claim" to it names the message.
 * Claimable incident messages get an inline keyboard: "Claim" ({@code callback_data}
 * {@code claim:<message id>}), "Claim all" ({@code claim_all:<message id>}) and a URL button to
 * the incident. The callbacks reach iris-relay's webhook.
 *
 * <p>The result is {@code <chat id>/<Telegram message id>}.
 */
final class TelegramVendor
        implements Vendor
{
    static final String MODE = "telegram";
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}");
    /** sendMessage takes at most 4096 characters. */
    private static final int MAX_TEXT = 4000;

    private final TelegramConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;

    TelegramVendor(TelegramConfig config)
    {
        this.config = requireNonNull(config, "config is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Set<String> supportedModes()
    {
        return Set.of(MODE);
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        if (!message.mode().equals(MODE)) {
            throw new VendorException(Category.CONFIGURATION, "The telegram vendor does not deliver mode " + message.mode());
        }
        String chatId = message.destination().strip();
        if (!CHAT_ID.matcher(chatId).matches()) {
            throw new VendorException(Category.PERMANENT, "Not a Telegram chat id (a number): message " + message.messageId());
        }
        URI url = config.methodUrl("sendMessage");
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(message, chatId).toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new VendorException(Category.TRANSIENT, "Telegram did not answer within " + config.timeout().toSeconds() + "s for message " + message.messageId() + "; it may have been sent", null);
        }
        catch (IOException e) {
            // Not the exception itself as cause: its text may hold the URL, which holds the token.
            throw new VendorException(Category.TRANSIENT, "Cannot reach Telegram at " + url.getHost() + ": " + e.getClass().getSimpleName(), null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(Category.TRANSIENT, "Interrupted while sending to Telegram", null);
        }
        return result(message, chatId, response);
    }

    private SendResult result(OutboundMessage message, String chatId, HttpResponse<String> response)
            throws VendorException
    {
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        }
        catch (JsonProcessingException e) {
            answer = json.createObjectNode();
        }
        if (response.statusCode() == 200 && answer.path("ok").asBoolean(false)) {
            JsonNode sent = answer.path("result");
            return SendResult.accepted(sent.path("chat").path("id").asText(chatId) + "/" + sent.path("message_id").asText(""));
        }
        int code = answer.path("error_code").asInt(response.statusCode());
        String error = answer.path("description").asText("HTTP " + response.statusCode()).replaceAll("\\p{Cntrl}", " ");
        String description = "Telegram refused message " + message.messageId() + " to chat " + chatId + ": " + (error.length() > 200 ? error.substring(0, 200) : error);
        if (code == 429) {
            long retryAfter = answer.path("parameters").path("retry_after").asLong(0);
            throw new VendorException(Category.TRANSIENT, description, retryAfter > 0 ? Duration.ofSeconds(retryAfter) : null, null);
        }
        if (code >= 500) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        if (code == 401 || code == 404) {
            // 401: the token was revoked; 404: no such bot, or base_url is not a Bot API server.
            throw new VendorException(Category.CONFIGURATION, description + "; check bot_token and base_url");
        }
        // 400 chat not found, 403 the person blocked the bot or never started it: another mode may work.
        throw new VendorException(Category.PERMANENT, description);
    }

    ObjectNode payload(OutboundMessage message, String chatId)
    {
        ObjectNode payload = json.createObjectNode();
        payload.put("chat_id", chatId);
        String application = message.application() == null ? "unknown app" : message.application();
        String body = message.body().isBlank() ? message.subject() : message.body();
        String text = message.messageId() + " [" + application + "] " + body;
        if (message.claimable() && message.incidentId() != null) {
            text += "\n\nReply \"claim\" to this message, or tap Claim.";
        }
        payload.put("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
        payload.putObject("link_preview_options").put("is_disabled", true);
        if (message.incidentId() != null) {
            ArrayNode row = payload.putObject("reply_markup").putArray("inline_keyboard").addArray();
            if (message.claimable()) {
                row.addObject().put("text", "Claim").put("callback_data", "claim:" + message.messageId());
                row.addObject().put("text", "Claim all").put("callback_data", "claim_all:" + message.messageId());
            }
            row.addObject().put("text", "Incident " + message.incidentId()).put("url", config.incidentUrl() + "/" + message.incidentId());
        }
        return payload;
    }
}
