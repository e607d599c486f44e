package dev.iris.faults.harness;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every secret of a run, remembered by what it is so the log scan can look for each one: those the
 * suite hands to Iris (database and UI passwords, the UI session secret, the webhook vendor's
 * signing secret, the inbound mail secret), generated here, and those Iris generates and prints
 * (application keys, one-time passwords), recorded here.
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
     * Remembers a secret that Iris generated (a key or password a command printed), so the log
     * scan looks for it too; returns it.
     */
    public static synchronized String record(String what, String secret)
    {
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
