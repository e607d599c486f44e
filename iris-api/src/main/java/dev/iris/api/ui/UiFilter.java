package dev.iris.api.ui;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The gate in front of every {@link UiPage}: runs after authentication (so the session, if any, is
 * known), sends visitors without one to {@code /login?next=...}, answers 403 to a form posted
 * without the session's CSRF token, and adds the headers that keep pages out of frames, caches and
 * inline scripts.
 */
@UiPage
@Priority(Priorities.AUTHORIZATION)
public final class UiFilter
        implements ContainerRequestFilter, ContainerResponseFilter
{
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request)
    {
        if (Boolean.TRUE.equals(request.getProperty(UiSessionAuthenticator.CSRF_FAILED))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity("<!doctype html><title>Form expired</title><p>This form has expired or did not come from Iris. "
                            + "<a href=\"" + request.getUriInfo().getRequestUri().getRawPath() + "\">Reload the page</a> and try again.</p>")
                    .build());
            return;
        }
        if (request.getProperty(UiSession.REQUEST_PROPERTY) != null || isAnonymousPage()) {
            return;
        }
        URI login = loginUri(request);
        if (request.getHeaderString("HX-Request") != null) {
            // htmx follows this header with a full page load instead of swapping in the login form.
            request.abortWith(Response.ok().header("HX-Redirect", login.toString()).build());
            return;
        }
        request.abortWith(Response.seeOther(login).build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response)
    {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        headers.putSingle("Cache-Control", "no-store");
    }

    private boolean isAnonymousPage()
    {
        return Optional.ofNullable(resourceInfo.getResourceMethod().getAnnotation(UiPage.class))
                .or(() -> Optional.ofNullable(resourceInfo.getResourceClass().getAnnotation(UiPage.class)))
                .map(UiPage::anonymous)
                .orElse(false);
    }

    private static URI loginUri(ContainerRequestContext request)
    {
        if ("GET".equals(request.getMethod())) {
            URI uri = request.getUriInfo().getRequestUri();
            String next = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            return URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return URI.create("/login");
    }
}
