package dev.iris.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The headers Iris's header middleware puts on every answer, errors included. Pages that set
 * stricter ones (the web UI answers {@code X-Frame-Options: DENY}) keep theirs.
 */
public final class IrisResponseHeaders
        implements ContainerResponseFilter
{
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response)
    {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        addIfAbsent(headers, "X-Frame-Options", "SAMEORIGIN");
        addIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        addIfAbsent(headers, "X-XSS-Protection", "1; mode=block");
    }

    private static void addIfAbsent(MultivaluedMap<String, Object> headers, String name, String value)
    {
        if (!headers.containsKey(name)) {
            headers.add(name, value);
        }
    }
}
