package dev.iris.plugin.mattermost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.spi.action.ActionToken;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SecretUrlPost;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Posts a page as a direct message ({@code "channel": "@<username>"}) through a Mattermost incoming
 * webhook: a message attachment titled with the incident, linking to it, and, for a claimable
 * incident message, an interactive "Claim" button. Mattermost's server calls the button's
 * integration URL (iris-relay) with the button's {@code context}; Mattermost signs nothing, so the
 * context carries a signed, expiring, single-use {@link ActionToken} naming the message and the
 * username, which the relay verifies.
 *
 * <p>A contact {@code ~channel} (a team's channel, for countdown notifications) posts to that
 * channel instead; its button's token names the channel, and the relay claims as the Mattermost
 * user who pressed it.
 *
 * <p>An incoming webhook rather than a bot account: a self-hosted install enables them by default,
 * they need one URL and no user-id lookups (a bot must resolve the username and open a direct
 * channel before each post), and the button's answer edits the post without any token. Incoming
 * webhooks answer "ok" and no post id, so the result has no vendor id.
 */
final class MattermostVendor
        implements Vendor
{
    static final String CHANNEL = "mattermost";
    /** Mattermost usernames: a letter, then letters, digits, '.', '-' and '_', 3 to 22 long. */
    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,21}");
    /** Mattermost channel (URL) names: lower-case letters, digits, '-' and '_', up to 64. */
    static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Mattermost's default post size limit is 16383 characters; leave room for the rest. */
    private static final int MAX_TEXT_CHARS = 12_000;
    private static final int MAX_TITLE_CHARS = 250;

    private final MattermostConfig config;
    private final Clock clock;
    private final ActionToken tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final SecretUrlPost webhook;

    MattermostVendor(MattermostConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokens = config.claims().tokens(CHANNEL);
        this.webhook = new SecretUrlPost("Mattermost", config.webhookUrl(), config.timeout());
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
            throw new VendorException(Category.CONFIGURATION, "The mattermost vendor does not deliver mode " + message.mode());
        }
        // The contact is the username; "@alice" (as people write it) is taken too; "~channel" is a channel.
        String contact = message.destination().strip();
        String channel;
        if (contact.startsWith("~")) {
            channel = contact.substring(1);
            if (!CHANNEL_NAME.matcher(channel).matches()) {
                throw new VendorException(Category.PERMANENT, "Not a Mattermost channel name: message " + message.messageId());
            }
        }
        else {
            String username = contact.startsWith("@") ? contact.substring(1) : contact;
            if (!USERNAME.matcher(username).matches()) {
                throw new VendorException(Category.PERMANENT, "Not a Mattermost username: message " + message.messageId());
            }
            channel = "@" + username;
        }
        HttpResponse<String> response = webhook.post(payload(message, contact, channel).toString(), message.messageId());
        return result(message, response);
    }

    private SendResult result(OutboundMessage message, HttpResponse<String> response)
            throws VendorException
    {
        int status = response.statusCode();
        if (status == 200) {
            return SendResult.accepted();
        }
        String errorId = errorId(response.body());
        String description = "Mattermost answered HTTP " + status + " for message " + message.messageId() + (errorId.isEmpty() ? "" : " (" + errorId + ")");
        if (status == 429 || (status >= 500 && status != 501)) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        if (status == 400 && (errorId.contains(".user.") || errorId.contains(".channel."))) {
            // No such user, or the person cannot be messaged: another mode may reach them.
            throw new VendorException(Category.PERMANENT, description);
        }
        // An unknown hook (400 invalid), a hook locked to a channel (403), webhooks disabled (501)...
        throw new VendorException(Category.CONFIGURATION, description + "; check webhook_url and that the hook is not locked to a channel");
    }

    /**
     * Mattermost's error body is {@code {"id", "message", "status_code", ...}}; only the id (a
     * translation key such as {@code web.incoming_webhook.user.app_error}) is kept.
     */
    private String errorId(String body)
    {
        try {
            String id = json.readTree(body).path("id").asText("");
            return id.matches("[a-z0-9_.]{1,100}") ? id : "";
        }
        catch (JsonProcessingException e) {
            return "";
        }
    }

    ObjectNode payload(OutboundMessage message, String contact, String channel)
    {
        ObjectNode payload = json.createObjectNode();
        payload.put("channel", channel);
        config.username().ifPresent(name -> payload.put("username", name));
        String application = message.application() == null ? "unknown app" : message.application();
        String title = "[" + application + "] " + (message.subject().isBlank() ? "Iris" : message.subject());
        title = title.length() > MAX_TITLE_CHARS ? title.substring(0, MAX_TITLE_CHARS) : title;
        String body = message.body().isBlank() ? message.subject() : message.body();
        body = body.length() > MAX_TEXT_CHARS ? body.substring(0, MAX_TEXT_CHARS) + "…" : body;
        ObjectNode attachment = payload.putArray("attachments").addObject();
        attachment.put("fallback", message.messageId() + " " + title);
        attachment.put("color", "urgent".equals(message.priority()) || "high".equals(message.priority()) ? "#d24b4e" : "#f2c744");
        attachment.put("title", title);
        if (message.incidentId() != null) {
            attachment.put("title_link", config.incidentUrl() + "/" + message.incidentId());
        }
        attachment.put("text", body);
        attachment.putArray("fields").addObject().put("short", true).put("title", "Iris message").put("value", String.valueOf(message.messageId()));
        if (message.claimable() && message.incidentId() != null) {
            // The token names the contact as stored, so that the claim finds its owner.
            String token = tokens.issue(message.messageId(), contact, clock.instant().plus(config.claims().claimTtl()));
            ObjectNode claim = attachment.putArray("actions").addObject();
            // Mattermost action ids are letters and digits only.
            claim.put("id", "claim");
            claim.put("name", "Claim");
            claim.put("type", "button");
            claim.put("style", "primary");
            ObjectNode integration = claim.putObject("integration");
            integration.put("url", config.actionUrl());
            integration.putObject("context").put("token", token);
        }
        return payload;
    }
}
