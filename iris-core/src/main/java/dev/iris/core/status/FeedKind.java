package dev.iris.core.status;

import java.util.Arrays;
import java.util.Optional;

/**
 * What can feed a component with incidents.
 */
public enum FeedKind
{
    /** Incidents of an application (value: the application's name). */
    APPLICATION("application"),
    /** Incidents paged through a plan (value: the plan's name). */
    PLAN("plan"),
    /** Incidents whose alert labels or context hold {@code key=value} (value: {@code key=value}). */
    LABEL("label"),
    /** Incidents whose dedup key starts with the value (webhooks: {@code alertmanager:...}). */
    DEDUP_PREFIX("dedup_prefix"),
    /** The incident a missed heartbeat opens (value: the heartbeat's name). */
    HEARTBEAT("heartbeat");

    private final String code;

    FeedKind(String code)
    {
        this.code = code;
    }

    public String code()
    {
        return code;
    }

    public static Optional<FeedKind> parse(String code)
    {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
