package dev.iris.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.util.List;
import java.util.Set;

/**
 * Iris's CORS middleware with its {@code allowed_origins}: an answer to a request whose
 * {@code Origin} is listed names that origin in {@code Access-Control-Allow-Origin}, so a browser
 * page from there may read it. Like Iris, no methods or headers are announced for preflights.
 */
public final class AllowedOrigins
        implements ContainerResponseFilter
{
    private final Set<String> origins;

    public AllowedOrigins(List<String> origins)
    {
        this.origins = Set.copyOf(origins);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response)
    {
        String origin = request.getHeaderString("Origin");
        if (origin != null && origins.contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        }
    }
}
