package dev.iris.plugin.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * POSTs each message as JSON to the URL in its destination, signed so the receiver can tell it
 * came from Iris and is fresh:
 * <pre>
 * X-Iris-Timestamp: &lt;unix seconds&gt;
 * X-Iris-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 * Receivers should recompute the signature over the raw body, compare in constant time, and
 * reject timestamps older than a few minutes.
 *
 * <p>The body: {@code message_id, incident_id, batch_id, application, priority, plan, mode,
 * subject, body, claimable, timestamp}. A 2xx answer is delivery; redirects are not followed.
 */
final class WebhookVendor
        implements Vendor
{
    static final String TIMESTAMP_HEADER = "X-Iris-Timestamp";
    static final String SIGNATURE_HEADER = "X-Iris-Signature";

    private final WebhookConfig config;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;

    WebhookVendor(WebhookConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Set<String> supportedModes()
    {
        return config.modes();
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        URI url = destination(message);
        long timestamp = clock.millis() / 1000;
        String body = body(message, timestamp);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "iris-webhook")
                .header(TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(SIGNATURE_HEADER, signature(config.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        catch (HttpTimeoutException e) {
            throw new VendorException(Category.TRANSIENT, url.getHost() + " did not answer within " + config.timeout().toSeconds() + "s; the message may have been received", e);
        }
        catch (IOException e) {
            throw new VendorException(Category.TRANSIENT, "Cannot reach " + url.getHost() + ": " + e.getClass().getSimpleName(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(Category.TRANSIENT, "Interrupted while posting to " + url.getHost(), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendResult.accepted();
        }
        String description = url.getHost() + " answered HTTP " + status + " to message " + message.messageId();
        if (status == 429) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(WebhookVendor::seconds).orElse(null);
            throw new VendorException(Category.TRANSIENT, description, retryAfter, null);
        }
        if (status >= 500 || status == 408) {
            throw new VendorException(Category.TRANSIENT, description);
        }
        if (status == 401 || status == 403) {
            // The receiver does not accept our signature: the secret differs.
            throw new VendorException(Category.CONFIGURATION, description + "; check that the receiver has this instance's secret");
        }
        throw new VendorException(Category.PERMANENT, description);
    }

    private URI destination(OutboundMessage message)
            throws VendorException
    {
        URI url;
        try {
            url = new URI(message.destination().trim());
        }
        catch (java.net.URISyntaxException e) {
            throw new VendorException(Category.PERMANENT, "The webhook destination of message " + message.messageId() + " is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && config.allowHttp()))) {
            throw new VendorException(Category.PERMANENT, "The webhook destination of message " + message.messageId() + " must be an "
                    + (config.allowHttp() ? "http or https" : "https") + " URL");
        }
        if (url.getUserInfo() != null) {
            throw new VendorException(Category.PERMANENT, "The webhook destination of message " + message.messageId() + " must not carry credentials");
        }
        if (!config.allowedHosts().isEmpty() && !config.allowedHosts().contains(url.getHost().toLowerCase(Locale.ROOT))) {
            throw new VendorException(Category.PERMANENT, "The webhook host " + url.getHost() + " is not in allowed_hosts");
        }
        return url;
    }

    private String body(OutboundMessage message, long timestamp)
    {
        ObjectNode node = json.createObjectNode();
        node.put("message_id", message.messageId());
        if (message.incidentId() == null) {
            node.putNull("incident_id");
        }
        else {
            node.put("incident_id", message.incidentId());
        }
        node.put("batch_id", message.batchId());
        node.put("application", message.application());
        node.put("priority", message.priority());
        node.put("plan", message.plan());
        node.put("mode", message.mode());
        node.put("subject", message.subject());
        node.put("body", message.body());
        node.put("claimable", message.claimable());
        node.put("timestamp", timestamp);
        return node.toString();
    }

    /**
     * {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}.
     */
    static String signature(String secret, long timestamp, String body)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
