package dev.iris.api.ui;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes and checks session cookie values: {@code v2.<user>.<expiry>.<csrf>.<id>.<mac>}, with the
 * username base64url-encoded and the MAC an HMAC-SHA256 over everything before it. The signature
 * proves the cookie came from Iris; {@link UiSessions} checks the session was not ended since.
 */
public final class SessionCodec
{
    private static final String VERSION = "v2";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    public SessionCodec(byte[] secret, Clock clock, Duration lifetime)
    {
        requireNonNull(secret, "secret is null");
        if (secret.length < 32) {
            throw new IllegalArgumentException("the session secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = requireNonNull(clock, "clock is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    public Duration lifetime()
    {
        return lifetime;
    }

    /**
     * A new session for {@code username} with a fresh CSRF token.
     */
    public UiSession newSession(String username)
    {
        Instant expires = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new UiSession(randomToken(), username, expires, randomToken());
    }

    public String encode(UiSession session)
    {
        String payload = VERSION
                + "." + ENCODER.encodeToString(session.username().getBytes(StandardCharsets.UTF_8))
                + "." + session.expires().getEpochSecond()
                + "." + session.csrfToken()
                + "." + session.id();
        return payload + "." + mac(payload);
    }

    /**
     * The session in a cookie value, if the value is well formed, correctly signed and not
     * expired.
     */
    public Optional<UiSession> decode(String value)
    {
        if (value == null) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            String username = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!clock.instant().isBefore(expires) || username.isEmpty() || parts[3].isEmpty() || parts[4].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new UiSession(parts[4], username, expires, parts[3]));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * 128 random bits, base64url: session ids, CSRF tokens and the login form's token.
     */
    public static String randomToken()
    {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Compares two tokens in constant time; null never matches.
     */
    public static boolean tokensMatch(String expected, String actual)
    {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String payload)
    {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
