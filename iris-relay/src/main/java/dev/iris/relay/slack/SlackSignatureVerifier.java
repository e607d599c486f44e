package dev.iris.relay.slack;

import dev.iris.common.http.IrisException;
import dev.iris.relay.http.ReplayGuard;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * Slack's request signing: {@code v0=hex(HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>"))}
 * in {@code X-Slack-Signature}, with {@code X-Slack-Request-Timestamp} no further than the replay
 * window from now. A signature seen before within the window is a replay and is refused too.
 */
public final class SlackSignatureVerifier
{
    private static final String VERSION = "v0";

    private final byte[] signingSecret;
    private final Duration window;
    private final Clock clock;
    private final ReplayGuard replays;

    public SlackSignatureVerifier(String signingSecret, Duration window, Clock clock)
    {
        this.signingSecret = requireNonNull(signingSecret, "signingSecret is null").getBytes(StandardCharsets.UTF_8);
        this.window = requireNonNull(window, "window is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.replays = new ReplayGuard(clock);
    }

    /**
     * Throws 401 unless the request is signed with the signing secret, fresh and new.
     */
    public void verify(String timestamp, String signature, byte[] body)
    {
        if (signingSecret.length == 0) {
            throw unauthorized("No Slack signing secret is configured");
        }
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw unauthorized("Missing X-Slack-Signature or X-Slack-Request-Timestamp header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        }
        catch (NumberFormatException e) {
            throw unauthorized("Invalid X-Slack-Request-Timestamp header");
        }
        long nowSeconds = clock.millis() / 1000;
        if (Math.abs(nowSeconds - seconds) > window.toSeconds()) {
            throw unauthorized("Request timestamp is outside the replay window; check the clock");
        }
        byte[] expected = sign(signingSecret, timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("Invalid Slack signature");
        }
        // Only signed requests reach the replay memory, so forgeries cannot fill it.
        if (!replays.firstSeen(signature.strip(), seconds + window.toSeconds())) {
            throw unauthorized("Replayed Slack request");
        }
    }

    /**
     * The {@code X-Slack-Signature} value for a request.
     */
    public static String sign(byte[] signingSecret, String timestamp, byte[] body)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static IrisException unauthorized(String description)
    {
        return IrisException.unauthorized("Unauthorized", description);
    }
}
