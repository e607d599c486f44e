package dev.iris.core.response;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * The order of Twilio's message and call statuses. Callbacks may arrive out of order (a late
 * "sent" after "delivered"); a status only replaces one that comes before it, and the final
 * statuses never replace each other.
 */
public final class DeliveryStatuses
{
    private static final Map<String, Integer> RANK = Map.ofEntries(
            entry("accepted", 0),
            entry("scheduled", 0),
            entry("queued", 1),
            entry("sending", 2),
            entry("initiated", 2),
            entry("ringing", 3),
            entry("sent", 4),
            entry("in-progress", 4),
            entry("delivered", 5),
            entry("undelivered", 5),
            entry("failed", 5),
            entry("completed", 5),
            entry("busy", 5),
            entry("no-answer", 5),
            entry("canceled", 5),
            entry("read", 6));

    private DeliveryStatuses() {}

    public static String normalize(String status)
    {
        return status.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code next} may replace {@code current} (null: nothing recorded yet).
     */
    public static boolean movesForward(String current, String next)
    {
        if (current == null) {
            return true;
        }
        Optional<Integer> from = rank(current);
        Optional<Integer> to = rank(next);
        if (to.isEmpty()) {
            // A status we do not know the place of never overwrites a known one.
            return from.isEmpty() && !current.equals(next);
        }
        return from.isEmpty() || to.get() > from.get();
    }

    private static Optional<Integer> rank(String status)
    {
        return Optional.ofNullable(RANK.get(status));
    }
}
