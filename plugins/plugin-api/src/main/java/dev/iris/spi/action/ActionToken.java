package dev.iris.spi.action;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A signed, expiring claim token for channels whose vendor does not sign the callback itself
 * (an ntfy action button, a Teams card): the vendor plugin issues it into the message, the person's
 * device hands it to iris-relay, and the relay verifies it and forwards a claim. It is the
 * contract between the two, so it lives here, next to the SPI, with JDK types only.
 *
 * <p>Format: {@code v1.<message id>.<recipient, base64url>.<expiry, epoch seconds>.<nonce>.<mac>},
 * where the MAC is base64url HMAC-SHA256 over the channel name and the first five parts. The
 * channel is signed but not carried, so an ntfy token cannot be played against the Teams endpoint.
 * The nonce makes every token distinct, so the relay can refuse a second use by remembering it.
 */
public final class ActionToken
{
    /** The shortest secret accepted: 32 characters (a 256-bit key written as hex is 64). */
    public static final int MIN_SECRET_LENGTH = 32;
    /** Tokens longer than this are refused before any work. */
    public static final int MAX_LENGTH = 512;

    private static final String VERSION = "v1";
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a verified token says: claim message {@code messageId} as {@code recipient} (the
     * address the message went to), valid until {@code expires}; {@code id} identifies this token
     * for single use.
     */
    public record Claim(long messageId, String recipient, Instant expires, String id) {}

    private final String channel;
    private final byte[] secret;

    /**
     * @throws IllegalArgumentException for a channel name that is not {@code [a-z][a-z0-9_-]*} or a
     *         secret shorter than {@value #MIN_SECRET_LENGTH} characters
     */
    public ActionToken(String channel, String secret)
    {
        requireNonNull(channel, "channel is null");
        requireNonNull(secret, "secret is null");
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("invalid channel name");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.channel = channel;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(long messageId, String recipient, Instant expires)
    {
        requireNonNull(recipient, "recipient is null");
        requireNonNull(expires, "expires is null");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String unsigned = String.join(".", VERSION, Long.toString(messageId), ENCODER.encodeToString(recipient.getBytes(StandardCharsets.UTF_8)),
                Long.toString(expires.getEpochSecond()), ENCODER.encodeToString(nonce));
        return unsigned + "." + ENCODER.encodeToString(mac(unsigned));
    }

    /**
     * The claim a token carries, when it was issued with this secret for this channel and has not
     * expired at {@code now}. The MAC is compared in constant time, before anything in the token is
     * trusted.
     */
    public Optional<Claim> verify(String token, Instant now)
    {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 6 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        int lastDot = token.strip().lastIndexOf('.');
        byte[] presented;
        try {
            presented = DECODER.decode(parts[5]);
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(token.strip().substring(0, lastDot)), presented)) {
            return Optional.empty();
        }
        try {
            long messageId = Long.parseLong(parts[1]);
            String recipient = new String(DECODER.decode(parts[2]), StandardCharsets.UTF_8);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            if (!now.isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Claim(messageId, recipient, expires, parts[4]));
        }
        catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String unsigned)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(channel.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString()
    {
        return "ActionToken{" + channel + "}";
    }
}
