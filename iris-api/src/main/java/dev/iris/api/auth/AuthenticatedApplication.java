package dev.iris.api.auth;

import dev.iris.core.application.ApplicationCache;

import java.util.ArrayList;
import java.util.List;

/**
 * An application as the authentication layer sees it. {@link #toString()} leaves out the keys.
 */
public record AuthenticatedApplication(
        long id,
        String name,
        String key,
        String secondaryKey,
        boolean allowAuthenticatingUsers,
        boolean allowOtherAppIncidents)
{
    /** The internal application that UI sessions act through. */
    public static final String INTERNAL_NAME = "iris";

    /**
     * The application as the node's {@link ApplicationCache} holds it.
     */
    public static AuthenticatedApplication of(ApplicationCache.Entry application)
    {
        return new AuthenticatedApplication(application.id(), application.name(), application.key(), application.secondaryKey(),
                application.allowAuthenticatingUsers(), application.allowOtherAppIncidents());
    }

    public List<String> keys()
    {
        List<String> keys = new ArrayList<>(2);
        keys.add(key);
        if (secondaryKey != null && !secondaryKey.isEmpty()) {
            keys.add(secondaryKey);
        }
        return keys;
    }

    @Override
    public String toString()
    {
        return "AuthenticatedApplication{id=" + id + ", name=" + name + "}";
    }
}
