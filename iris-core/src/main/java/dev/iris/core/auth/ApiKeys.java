package dev.iris.core.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New application API keys, made as Iris makes them: the SHA-256 hex digest of 32 random bytes.
 */
public final class ApiKeys
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    public static String generate()
    {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
