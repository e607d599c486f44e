package dev.iris.api.ui;

import dev.iris.common.http.ErrorBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Browser pages get HTML error pages with the navigation; the API keeps Iris's
 * {@code {title, description}} JSON. An error answer is turned into a page when it carries Iris's
 * error body, the path is not an API path, the browser asked for HTML (a navigation's
 * {@code Accept}), and it is not an htmx request (htmx swaps fragments; its errors stay as they are).
 */
public final class UiErrorPages
        implements ContainerResponseFilter
{
    private static final List<String> API_PREFIXES = List.of("v0/", "api/", "healthcheck", "static/", "ui/");
    private static final Set<String> SECTIONS = Set.of("plans", "templates", "applications", "messages", "stats", "maintenance", "schedules", "components",
            "postmortems");

    private final UiPages pages;

    @Inject
    public UiErrorPages(UiPages pages)
    {
        this.pages = requireNonNull(pages, "pages is null");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response)
    {
        if (response.getStatus() < 400 || !(response.getEntity() instanceof ErrorBody error) || !isBrowserPage(request)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String section = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        PageContext context = request.getProperty(UiSession.REQUEST_PROPERTY) != null
                ? pages.context(request, section)
                : PageContext.anonymous(null);
        response.setEntity(new ErrorPageView(context, response.getStatus(), error.title(), error.description()),
                response.getEntityAnnotations(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        response.getHeaders().putSingle("Content-Security-Policy", UiFilter.CONTENT_SECURITY_POLICY);
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }

    private static boolean isBrowserPage(ContainerRequestContext request)
    {
        String path = request.getUriInfo().getPath();
        if (API_PREFIXES.stream().anyMatch(path::startsWith) || request.getHeaderString("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /**
     * The error page: what went wrong and where to go from here.
     */
    public static final class ErrorPageView
            extends PageView
    {
        private final int status;
        private final String heading;
        private final String description;

        ErrorPageView(PageContext context, int status, String heading, String description)
        {
            super("error.ftlh", context, heading == null ? "Error" : heading);
            this.status = status;
            this.heading = heading == null ? "Error" : heading;
            this.description = description;
        }

        public int getStatus()
        {
            return status;
        }

        public String getHeading()
        {
            return heading;
        }

        public String getDescription()
        {
            return description;
        }

        /**
         * The list page of the section the failed page belongs to, if it is one of ours.
         */
        public String getSectionLink()
        {
            return SECTIONS.contains(getContext().section()) ? "/" + getContext().section() : null;
        }
    }
}
