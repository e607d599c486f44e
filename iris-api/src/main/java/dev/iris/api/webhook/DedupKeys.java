package dev.iris.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Dedup keys fit the {@code incident.dedup_key} column: a key longer than 255 characters keeps its
 * first 180 characters (readable in the database) plus the SHA-256 of the whole key.
 */
public final class DedupKeys
{
    public static final int MAX_LENGTH = 255;

    private DedupKeys() {}

    public static String shorten(String key)
    {
        if (key.length() <= MAX_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, 180) + "#sha256:" + HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
