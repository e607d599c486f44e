package dev.iris.faults.harness;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every secret the suite hands to Iris (application keys, the relay key, the UI session secret,
 * passwords, the webhook vendor's signing secret, the inbound mail secret), generated here and
 * remembered by what it is, so the log scan can look for each one.
 */
public final class Secrets
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ISSUED = new TreeMap<>();

    private Secrets() {}

    /**
     * A new random secret of {@code bytes} random bytes in hex, recorded under {@code what}.
     */
    public static synchronized String issue(String what, int bytes)
    {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        ISSUED.put(what, secret);
        return secret;
    }

    /**
     * Every secret by what it is.
     */
    public static synchronized Map<String, String> issued()
    {
        return Map.copyOf(ISSUED);
    }
}
