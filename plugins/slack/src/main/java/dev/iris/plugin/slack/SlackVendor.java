package dev.iris.plugin.slack;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Posts to a Slack user or channel with {@code chat.postMessage}, as Iris does: the text is
 * {@code "[application] body"}, a destination without {@code @} or {@code #} is taken as a user
 * name, and claimable incident messages carry an attachment linking the incident with the
 * {@code claim} and {@code claim all} buttons (its {@code callback_id} is the message id, which the
 * relay hands back to the API when a button is pressed). A body that is a JSON object is a Slack
 * message of its own: its {@code text}, {@code blocks}, {@code attachments}, {@code thread_ts}...
 * are passed through.
 *
 * <p>The result is {@code <channel>/<ts>}, which identifies the Slack message.
 */
final class SlackVendor
        implements Vendor
{
    private static final Set<String> PASSTHROUGH_FIELDS = Set.of(
            "text", "blocks", "attachments", "thread_ts", "reply_broadcast", "mrkdwn", "unfurl_links", "unfurl_media", "icon_emoji", "icon_url", "username");
    private static final Pattern SLACK_ID = Pattern.compile("[CDGUW][A-Z0-9]{7,}");

    private static final Set<String> CONFIGURATION_ERRORS = Set.of(
            "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope",
            "not_allowed_token_type", "ekm_access_denied", "team_access_not_granted", "org_login_required", "invalid_arg_name");
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "ratelimited", "rate_limited", "fatal_error", "internal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    private final SlackConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;

    SlackVendor(SlackConfig config)
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
        return Set.of("slack");
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        if (!message.mode().equals("slack")) {
            throw new VendorException(Category.CONFIGURATION, "The slack vendor does not deliver mode " + message.mode());
        }
        String channel = channel(message.destination());
        HttpRequest request = HttpRequest.newBuilder(config.postMessageUrl())
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + config.authToken())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(message, channel).toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new VendorException(Category.TRANSIENT, "Slack did not answer within " + config.timeout().toSeconds() + "s for message " + message.messageId() + "; it may have been posted", e);
        }
        catch (IOException e) {
            throw new VendorException(Category.TRANSIENT, "Cannot reach Slack at " + config.postMessageUrl().getHost() + ": " + e.getClass().getSimpleName(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(Category.TRANSIENT, "Interrupted while posting to Slack", e);
        }
        return result(message, channel, response);
    }

    private SendResult result(OutboundMessage message, String channel, HttpResponse<String> response)
            throws VendorException
    {
        int status = response.statusCode();
        if (status == 429) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(SlackVendor::seconds).orElse(null);
            throw new VendorException(Category.TRANSIENT, "Slack is rate limiting posts to " + channel, retryAfter, null);
        }
        if (status >= 500) {
            throw new VendorException(Category.TRANSIENT, "Slack answered HTTP " + status + " for message " + message.messageId());
        }
        if (status != 200) {
            throw new VendorException(Category.CONFIGURATION, "Slack answered HTTP " + status + " at " + config.postMessageUrl() + "; check base_url");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        }
        catch (JsonProcessingException e) {
            throw new VendorException(Category.TRANSIENT, "Slack answered with something that is not JSON for message " + message.messageId());
        }
        if (answer.path("ok").asBoolean(false)) {
            return SendResult.accepted(answer.path("channel").asText(channel) + "/" + answer.path("ts").asText(""));
        }
        String error = answer.path("error").asText("unknown_error");
        String description = "Slack refused the message " + message.messageId() + " to " + channel + ": " + error;
        if (CONFIGURATION_ERRORS.contains(error)) {
            throw new VendorException(Category.CONFIGURATION, description);
        }
        if (TRANSIENT_ERRORS.contains(error)) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        // channel_not_found, not_in_channel, is_archived, user_not_found, msg_too_long...: this
        // destination will not work, another mode might. (Iris counted some of these as sent.)
        throw new VendorException(Category.PERMANENT, description);
    }

    /**
     * Iris's destination rule: {@code @user} and {@code #channel} as given, a bare name becomes
     * {@code @name}; Slack ids (U..., C...) are kept as they are.
     */
    static String channel(String destination)
    {
        String trimmed = destination.trim();
        if (trimmed.startsWith("@") || trimmed.startsWith("#") || SLACK_ID.matcher(trimmed).matches()) {
            return trimmed;
        }
        return "@" + trimmed;
    }

    ObjectNode payload(OutboundMessage message, String channel)
    {
        ObjectNode payload = json.createObjectNode();
        payload.put("channel", channel);
        Optional<ObjectNode> custom = customMessage(message.body());
        if (custom.isPresent()) {
            custom.get().fields().forEachRemaining(field -> {
                if (PASSTHROUGH_FIELDS.contains(field.getKey())) {
                    payload.set(field.getKey(), field.getValue());
                }
            });
            String text = payload.path("text").asText("");
            payload.put("text", "[" + application(message) + "] " + text);
        }
        else {
            String text = message.body().isBlank() ? message.subject() : message.body();
            payload.put("text", "[" + application(message) + "] " + escape(text));
        }
        if (message.claimable() && message.incidentId() != null) {
            ArrayNode attachments = payload.has("attachments") && payload.get("attachments").isArray()
                    ? (ArrayNode) payload.get("attachments")
                    : payload.putArray("attachments");
            attachments.add(claimAttachment(message));
        }
        return payload;
    }

    private ObjectNode claimAttachment(OutboundMessage message)
    {
        ObjectNode attachment = json.createObjectNode();
        config.attachmentFallback().ifPresent(fallback -> attachment.put("fallback", fallback));
        config.attachmentPretext().ifPresent(pretext -> attachment.put("pretext", pretext));
        attachment.put("title", "Iris incident " + message.incidentId());
        attachment.putArray("mrkdwn_in").add("pretext");
        attachment.put("attachment_type", "default");
        attachment.put("callback_id", String.valueOf(message.messageId()));
        attachment.put("color", "danger");
        attachment.put("title_link", config.incidentUrl() + "/" + message.incidentId());
        ArrayNode actions = attachment.putArray("actions");
        ObjectNode claim = actions.addObject();
        claim.put("name", "claim");
        claim.put("text", "Claim Incident");
        claim.put("type", "button");
        claim.put("value", "claimed");
        ObjectNode claimAll = actions.addObject();
        claimAll.put("name", "claim all");
        claimAll.put("text", "Claim All");
        claimAll.put("style", "danger");
        claimAll.put("type", "button");
        claimAll.put("value", "claimed all");
        ObjectNode confirm = claimAll.putObject("confirm");
        confirm.put("title", "Are you sure?");
        confirm.put("text", "This will claim all active incidents targeting you.");
        confirm.put("ok_text", "Yes");
        confirm.put("dismiss_text", "No");
        return attachment;
    }

    private Optional<ObjectNode> customMessage(String body)
    {
        if (!body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        }
        catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String application(OutboundMessage message)
    {
        return message.application() == null ? "unknown app" : message.application();
    }

    /**
     * Slack's mrkdwn control characters, so context values cannot mention {@code <!channel>} or
     * forge links.
     */
    static String escape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Optional<Duration> seconds(String value)
    {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
