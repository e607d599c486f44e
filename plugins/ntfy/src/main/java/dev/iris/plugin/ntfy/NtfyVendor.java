package dev.iris.plugin.ntfy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.spi.action.ActionToken;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Publishes to an ntfy topic with ntfy's JSON publishing ({@code POST /} with the topic in the
 * body). The destination is the person's topic. Iris's priority becomes ntfy's (urgent 5 "max",
 * high 4, medium 3, low 2): at 5 the ntfy Android app uses its max-priority notification channel,
 * which is the one a person lets through do-not-disturb. The notification opens the incident, and a
 * claimable incident message carries an HTTP action button "Claim" that POSTs a signed, expiring,
 * single-use {@link ActionToken} to iris-relay.
 *
 * <p>The result is ntfy's message id.
 */
final class NtfyVendor
        implements Vendor
{
    static final String CHANNEL = "ntfy";
    /** ntfy's topic names. */
    static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    /** ntfy's default message-size-limit is 4096 bytes; larger messages turn into attachments. */
    private static final int MAX_MESSAGE_BYTES = 4000;
    private static final int MAX_TITLE_CHARS = 250;
    private static final Map<String, Integer> PRIORITIES = Map.of("urgent", 5, "high", 4, "medium", 3, "low", 2);

    private final NtfyConfig config;
    private final Clock clock;
    private final ActionToken tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;

    NtfyVendor(NtfyConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokens = new ActionToken(CHANNEL, config.actionSecret());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Set<String> supportedModes()
    {
        return Set.of(CHANNEL);
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        if (!message.mode().equals(CHANNEL)) {
            throw new VendorException(Category.CONFIGURATION, "The ntfy vendor does not deliver mode " + message.mode());
        }
        String topic = message.destination().strip();
        if (!TOPIC.matcher(topic).matches()) {
            throw new VendorException(Category.PERMANENT, "Not an ntfy topic name (letters, digits, - and _, at most 64): message " + message.messageId());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(config.publishUrl())
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(message, topic).toString(), StandardCharsets.UTF_8));
        config.accessToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new VendorException(Category.TRANSIENT, "ntfy did not answer within " + config.timeout().toSeconds() + "s for message " + message.messageId() + "; it may have been published", e);
        }
        catch (IOException e) {
            throw new VendorException(Category.TRANSIENT, "Cannot reach ntfy at " + config.publishUrl().getHost() + ": " + e.getClass().getSimpleName(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(Category.TRANSIENT, "Interrupted while publishing to ntfy", e);
        }
        return result(message, response);
    }

    private SendResult result(OutboundMessage message, HttpResponse<String> response)
            throws VendorException
    {
        int status = response.statusCode();
        String description = "ntfy answered HTTP " + status + " for message " + message.messageId() + errorText(response.body());
        if (status == 200) {
            try {
                return SendResult.accepted(json.readTree(response.body()).path("id").asText(null));
            }
            catch (JsonProcessingException e) {
                return SendResult.accepted();
            }
        }
        if (status == 429 || status >= 500) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        if (status == 400 || status == 413) {
            // A topic or message ntfy will not take: another mode may work.
            throw new VendorException(Category.PERMANENT, description);
        }
        // 401/403 (access token or topic permissions), 404 (not an ntfy server at server_url), ...
        throw new VendorException(Category.CONFIGURATION, description + "; check server_url and access_token");
    }

    /**
     * ntfy's error body is {@code {"code", "http", "error"}}; only its short error text is kept,
     * cleaned of control characters.
     */
    private String errorText(String body)
    {
        try {
            String error = json.readTree(body).path("error").asText("");
            String clean = error.replaceAll("\\p{Cntrl}", " ").strip();
            return clean.isEmpty() ? "" : ": " + (clean.length() > 200 ? clean.substring(0, 200) : clean);
        }
        catch (JsonProcessingException e) {
            return "";
        }
    }

    ObjectNode payload(OutboundMessage message, String topic)
    {
        ObjectNode payload = json.createObjectNode();
        payload.put("topic", topic);
        String application = message.application() == null ? "unknown app" : message.application();
        String title = "[" + application + "] " + (message.subject().isBlank() ? "Iris" : message.subject());
        payload.put("title", title.length() > MAX_TITLE_CHARS ? title.substring(0, MAX_TITLE_CHARS) : title);
        String body = message.body().isBlank() ? message.subject() : message.body();
        payload.put("message", truncate(body.isBlank() ? title : body));
        payload.put("priority", PRIORITIES.getOrDefault(message.priority() == null ? "" : message.priority(), 3));
        payload.putArray("tags").add(message.priority() != null && message.priority().equals("urgent") ? "rotating_light" : "bell");
        if (message.incidentId() != null) {
            payload.put("click", config.incidentUrl() + "/" + message.incidentId());
        }
        if (message.claimable() && message.incidentId() != null) {
            String token = tokens.issue(message.messageId(), topic, clock.instant().plus(config.claimTtl()));
            ObjectNode claim = payload.putArray("actions").addObject();
            claim.put("action", "http");
            claim.put("label", "Claim");
            claim.put("url", config.claimUrl());
            claim.put("method", "POST");
            claim.putObject("headers").put("Content-Type", "application/json");
            claim.put("body", json.createObjectNode().put("token", token).toString());
            claim.put("clear", true);
        }
        return payload;
    }

    private static String truncate(String text)
    {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return text;
        }
        int end = MAX_MESSAGE_BYTES;
        // Do not cut a UTF-8 sequence in half.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "…";
    }
}
