package dev.iris.relay.twilio;

import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The relay's URLs as Twilio sees them. Behind a TLS-terminating load balancer the relay receives
 * {@code http://10.0.0.7:16648/api/...} for what Twilio signed as
 * {@code https://relay.example.com/iris/api/...}; the configured public base URL replaces the
 * relay's own root, so signatures validate and voice menus point Twilio at the right place.
 */
public final class TwilioUrls
{
    private final Optional<String> publicBaseUrl;

    public TwilioUrls(Optional<String> publicBaseUrl)
    {
        this.publicBaseUrl = requireNonNull(publicBaseUrl, "publicBaseUrl is null").map(TwilioUrls::stripTrailingSlash);
    }

    /**
     * The full URL of the current request as Twilio requested it, query string included.
     */
    public String requestUrl(UriInfo uriInfo)
    {
        URI request = uriInfo.getRequestUri();
        String relative = relativePath(uriInfo);
        String url = root(uriInfo) + "/" + relative;
        return request.getRawQuery() == null ? url : url + "?" + request.getRawQuery();
    }

    /**
     * The public URL of {@code path} (relative to the relay's root, no leading slash).
     */
    public String publicUrl(UriInfo uriInfo, String path)
    {
        return root(uriInfo) + "/" + path;
    }

    private String root(UriInfo uriInfo)
    {
        return publicBaseUrl.orElseGet(() -> stripTrailingSlash(uriInfo.getBaseUri().toString()));
    }

    private static String relativePath(UriInfo uriInfo)
    {
        String basePath = uriInfo.getBaseUri().getRawPath();
        String requestPath = uriInfo.getRequestUri().getRawPath();
        if (basePath != null && requestPath.startsWith(basePath)) {
            return requestPath.substring(basePath.length());
        }
        return requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
    }

    private static String stripTrailingSlash(String url)
    {
        String stripped = url.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
