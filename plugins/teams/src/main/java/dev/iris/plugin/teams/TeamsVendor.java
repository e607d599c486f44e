package dev.iris.plugin.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Posts a page to a Teams channel through a Workflows webhook ("When a Teams webhook request is
 * received", which replaced Office 365 connectors' incoming webhooks): a message whose attachment
 * is an Adaptive Card that @mentions the person (their {@code teams} contact, the sign-in name
 * (UPN) Teams mentions by), so Teams notifies them. A claimable incident message has an
 * {@code Action.OpenUrl} "Claim" opening iris-relay with a signed, expiring, single-use
 * {@link ActionToken} in the URL's fragment; the relay's page asks for one more click and claims.
 *
 * <p>Why not {@code Action.Http} or {@code Action.Submit}: Teams runs {@code Action.Http} only in
 * Outlook actionable messages, and {@code Action.Submit} goes to a Bot Framework bot (an Azure bot
 * registration, reachable from Microsoft's cloud), which a self-hosted install may not have. Teams
 * signs nothing that reaches the relay this way: the token is the proof.
 *
 * <p>Workflows answers 202 with no body, so the result has no vendor id.
 */
final class TeamsVendor
        implements Vendor
{
    static final String CHANNEL = "teams";
    /** A UPN: name@domain. */
    static final Pattern UPN = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
    /** Teams drops messages over about 28 KB; leave room for the card around the text. */
    private static final int MAX_TEXT_CHARS = 12_000;
    private static final int MAX_TITLE_CHARS = 250;

    private final TeamsConfig config;
    private final Clock clock;
    private final ActionToken tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final SecretUrlPost webhook;

    TeamsVendor(TeamsConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokens = config.claims().tokens(CHANNEL);
        this.webhook = new SecretUrlPost("Teams", config.webhookUrl(), config.timeout());
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
            throw new VendorException(Category.CONFIGURATION, "The teams vendor does not deliver mode " + message.mode());
        }
        String upn = message.destination().strip();
        if (!UPN.matcher(upn).matches()) {
            throw new VendorException(Category.PERMANENT, "Not a Teams sign-in name (name@domain): message " + message.messageId());
        }
        HttpResponse<String> response = webhook.post(payload(message, upn).toString(), message.messageId());
        return result(message, response);
    }

    private SendResult result(OutboundMessage message, HttpResponse<String> response)
            throws VendorException
    {
        int status = response.statusCode();
        // 202 from Workflows; 200 from a legacy Office 365 connector webhook.
        if (status == 202 || status == 200) {
            return SendResult.accepted();
        }
        String code = errorCode(response.body());
        String description = "Teams answered HTTP " + status + " for message " + message.messageId() + (code.isEmpty() ? "" : " (" + code + ")");
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .filter(value -> value.matches("[0-9]{1,5}"))
                    .map(value -> Duration.ofSeconds(Long.parseLong(value)));
            throw new VendorException(Category.TRANSIENT, description, retryAfter.orElse(null), null);
        }
        if (status >= 500) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        if (status == 413) {
            throw new VendorException(Category.PERMANENT, description);
        }
        // 400 (the flow's trigger does not take this body), 401/403 (sig), 404 (flow deleted or off)...
        throw new VendorException(Category.CONFIGURATION, description + "; check webhook_url and that the flow is on");
    }

    /**
     * A Workflows error body is {@code {"error": {"code", "message"}}}; only the code is kept.
     */
    private String errorCode(String body)
    {
        try {
            String code = json.readTree(body).path("error").path("code").asText("");
            return code.matches("[A-Za-z0-9_.]{1,100}") ? code : "";
        }
        catch (JsonProcessingException e) {
            return "";
        }
    }

    ObjectNode payload(OutboundMessage message, String upn)
    {
        String application = message.application() == null ? "unknown app" : message.application();
        String title = "[" + application + "] " + (message.subject().isBlank() ? "Iris" : message.subject());
        title = title.length() > MAX_TITLE_CHARS ? title.substring(0, MAX_TITLE_CHARS) : title;
        String body = message.body().isBlank() ? message.subject() : message.body();
        body = body.length() > MAX_TEXT_CHARS ? body.substring(0, MAX_TEXT_CHARS) + "…" : body;
        String mention = "<at>" + upn + "</at>";

        ObjectNode payload = json.createObjectNode();
        payload.put("type", "message");
        ObjectNode attachment = payload.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ObjectNode msteams = card.putObject("msteams");
        msteams.put("width", "Full");
        ObjectNode entity = msteams.putArray("entities").addObject();
        entity.put("type", "mention");
        entity.put("text", mention);
        entity.putObject("mentioned").put("id", upn).put("name", upn);
        ArrayNode blocks = card.putArray("body");
        blocks.addObject().put("type", "TextBlock").put("text", mention + " " + message.messageId() + " " + title)
                .put("weight", "Bolder").put("wrap", true)
                .put("color", "urgent".equals(message.priority()) || "high".equals(message.priority()) ? "Attention" : "Default");
        blocks.addObject().put("type", "TextBlock").put("text", body).put("wrap", true);
        ArrayNode actions = card.putArray("actions");
        if (message.claimable() && message.incidentId() != null) {
            String token = tokens.issue(message.messageId(), upn, clock.instant().plus(config.claims().claimTtl()));
            actions.addObject().put("type", "Action.OpenUrl").put("title", "Claim").put("url", config.claimUrl(token));
        }
        if (message.incidentId() != null) {
            actions.addObject().put("type", "Action.OpenUrl").put("title", "Open incident").put("url", config.incidentUrl() + "/" + message.incidentId());
        }
        return payload;
    }
}
