package dev.iris.api.ui;

import dev.iris.common.http.IrisException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where pages send the browser: after login only to paths on this site, so {@code ?next=} cannot
 * send a user to another site (an open redirect); after a form, back to a page with a flash
 * message in its query string (post/redirect/get).
 */
public final class Redirects
{
    public static final String HOME = "/incidents";

    private Redirects() {}

    public static String safeNext(String next)
    {
        if (next == null || next.isEmpty() || next.length() > 2048) {
            return HOME;
        }
        // "//host" and "/\host" are taken by browsers as another host; a scheme or control
        // characters make it something other than a path.
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return HOME;
            }
        }
        if (next.startsWith("/login") || next.startsWith("/logout")) {
            return HOME;
        }
        return next;
    }

    /**
     * 303 to {@code path} with {@code key=text} added to its query string ({@code message} or
     * {@code error}, which pages show as a flash).
     */
    public static Response withFlash(String path, String key, String text)
    {
        String separator = path.contains("?") ? "&" : "?";
        return Response.seeOther(URI.create(path + separator + key + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8))).build();
    }

    /**
     * An error as one line for a flash: Iris's title and description.
     */
    public static String describe(IrisException e)
    {
        return e.description() == null ? e.title() : e.title() + ": " + e.description();
    }
}
