package dev.iris.relay.http;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Remembers signatures (or single-use token ids) until they expire, so one captured request
 * cannot be played again while it is still valid. Memory is per relay process and bounded.
 */
public final class ReplayGuard
{
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    // Insertion order is close to expiry order, so expired entries are pruned from the head.
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    public ReplayGuard(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Records {@code signature} until {@code expiresAtSeconds}; false when it was already recorded.
     */
    public synchronized boolean firstSeen(String signature, long expiresAtSeconds)
    {
        long nowSeconds = clock.millis() / 1000;
        Iterator<Map.Entry<String, Long>> entries = expiries.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Long> entry = entries.next();
            if (entry.getValue() >= nowSeconds && expiries.size() <= MAX_ENTRIES) {
                break;
            }
            entries.remove();
        }
        Long previous = expiries.get(signature);
        if (previous != null && previous >= nowSeconds) {
            return false;
        }
        expiries.put(signature, expiresAtSeconds);
        return true;
    }

    /**
     * Forgets {@code key}, so it may be used once more: for a use that failed before it took
     * effect (the API could not be reached).
     */
    public synchronized void forget(String key)
    {
        expiries.remove(key);
    }
}
