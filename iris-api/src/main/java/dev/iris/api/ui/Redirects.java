package dev.iris.api.ui;

/**
 * Where to go after login: only paths on this site, so {@code ?next=} cannot send a user to
 * another site (an open redirect).
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
}
