package dev.iris.core.status;

import static java.util.Objects.requireNonNull;

/**
 * One source of incidents for a component.
 */
public record Feed(FeedKind kind, String value)
{
    public Feed
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }

    /**
     * Whether {@code incident} is one of this feed's.
     */
    public boolean matches(ImpactingIncident incident)
    {
        return switch (kind) {
            case APPLICATION -> value.equals(incident.application());
            case PLAN -> value.equals(incident.plan());
            case DEDUP_PREFIX -> incident.dedupKey() != null && incident.dedupKey().startsWith(value);
            case HEARTBEAT -> heartbeatDedupKey(value).equals(incident.dedupKey());
            case LABEL -> {
                int equals = value.indexOf('=');
                yield equals > 0 && incident.labels().has(value.substring(0, equals).strip(), value.substring(equals + 1).strip());
            }
        };
    }

    /**
     * The dedup key of the incident a missed heartbeat named {@code heartbeat} opens.
     */
    static String heartbeatDedupKey(String heartbeat)
    {
        return "heartbeat:" + heartbeat;
    }

    /**
     * {@code kind:value}, as the admin forms and the API spell a feed.
     */
    @Override
    public String toString()
    {
        return kind.code() + ":" + value;
    }
}
