package dev.iris.common.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;

import static java.util.Objects.requireNonNull;

/**
 * Iris's application HMAC: {@code Authorization: hmac <app>:<digest>} where digest is the URL-safe
 * base64 (padded) HMAC-SHA512, keyed with the application's API key, of
 * {@code "<window> <METHOD> <path[?query]> <body>"} plus {@code " <username>"} when the request
 * carries {@code X-IRIS-USERNAME}. The window is unix seconds divided by 5 (Iris's Python client)
 * or by 30 (iris-relay's client); the server accepts the current and the previous window of both.
 */
public final class IrisHmac
{
    public static final String SCHEME = "hmac ";
    /** The header naming the user an application acts for; its value is part of the signed text. */
    public static final String USERNAME_HEADER = "X-IRIS-USERNAME";
    /** Iris's Python client signs on 5-second windows. */
    public static final int CLIENT_WINDOW_SECONDS = 5;
    /** Iris's relay signs on 30-second windows. */
    public static final int RELAY_WINDOW_SECONDS = 30;

    // A Mac per thread: looking one up costs more than the HMAC of a small request, and
    // verify computes up to eight (two keys, four windows) per request.
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(IrisHmac::newMac);

    private IrisHmac() {}

    /**
     * The digest for one window.
     */
    public static String digest(String key, long window, String method, String pathAndQuery, String body, String username)
    {
        requireNonNull(key, "key is null");
        Mac mac = keyed(MACS.get(), key);
        return new String(sign(mac, window, signedAfterWindow(method, pathAndQuery, body, username)), StandardCharsets.US_ASCII);
    }

    /**
     * What follows the window in the signed text: {@code " <METHOD> <path[?query]> <body>"} plus
     * {@code " <username>"}; the same for every window and key, so encoded once.
     */
    private static byte[] signedAfterWindow(String method, String pathAndQuery, String body, String username)
    {
        StringBuilder text = new StringBuilder(64 + (body == null ? 0 : body.length()))
                .append(' ').append(method)
                .append(' ').append(pathAndQuery)
                .append(' ').append(body == null ? "" : body);
        if (username != null) {
            text.append(' ').append(username);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The URL-safe base64 (padded) HMAC of {@code "<window>" + rest} under the key {@code mac}
     * was initialised with, as ASCII bytes.
     */
    private static byte[] sign(Mac mac, long window, byte[] rest)
    {
        mac.update(Long.toString(window).getBytes(StandardCharsets.US_ASCII));
        mac.update(rest);
        return Base64.getUrlEncoder().encode(mac.doFinal());
    }

    /**
     * A complete {@code Authorization} header value signed on the 5-second window, as Iris's
     * Python client does.
     */
    public static String authorization(String application, String key, Clock clock, String method, String pathAndQuery, String body, String username)
    {
        return authorization(application, key, clock, CLIENT_WINDOW_SECONDS, method, pathAndQuery, body, username);
    }

    /**
     * A complete {@code Authorization} header value signed on the given window length
     * ({@link #CLIENT_WINDOW_SECONDS} or {@link #RELAY_WINDOW_SECONDS}).
     */
    public static String authorization(String application, String key, Clock clock, int windowSeconds, String method, String pathAndQuery, String body,
            String username)
    {
        long window = clock.millis() / 1000 / windowSeconds;
        return SCHEME + application + ":" + digest(key, window, method, pathAndQuery, body, username);
    }

    /**
     * Whether {@code presented} is a valid digest, now, under any of {@code keys} (primary and
     * secondary). Every candidate is compared in constant time.
     */
    public static boolean verify(String presented, Collection<String> keys, long nowSeconds, String method, String pathAndQuery, String body, String username)
    {
        byte[] presentedBytes = presented.getBytes(StandardCharsets.UTF_8);
        long[] windows = {nowSeconds / CLIENT_WINDOW_SECONDS, nowSeconds / CLIENT_WINDOW_SECONDS - 1,
                nowSeconds / RELAY_WINDOW_SECONDS, nowSeconds / RELAY_WINDOW_SECONDS - 1};
        byte[] rest = signedAfterWindow(method, pathAndQuery, body, username);
        Mac mac = MACS.get();
        boolean valid = false;
        for (String key : keys) {
            if (key == null || key.isEmpty()) {
                continue;
            }
            keyed(mac, key);
            for (long window : windows) {
                byte[] expected = sign(mac, window, rest);
                // Keep going after a match so the time taken does not say which candidate matched.
                valid |= MessageDigest.isEqual(expected, presentedBytes);
            }
        }
        return valid;
    }

    /**
     * Compares two secrets in time independent of where they differ.
     */
    public static boolean constantTimeEquals(String a, String b)
    {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac keyed(Mac mac, String key)
    {
        try {
            // init also resets whatever an earlier use left in the Mac.
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the API key cannot key HmacSHA512", e);
        }
    }

    private static Mac newMac()
    {
        try {
            return Mac.getInstance("HmacSHA512");
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }
}
