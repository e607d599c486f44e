package dev.iris.api.ui;

import dev.iris.api.auth.HmacAuthFilter;
import dev.iris.api.auth.SessionAuthenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Lets a web UI session cookie authenticate a request, for the UI's pages and for the API (as the
 * internal {@code iris} application acting as the session's user). A request that could change
 * something (anything but GET, HEAD, OPTIONS) counts as the session's only when it echoes the
 * session's CSRF token, in the {@value #CSRF_HEADER} header (htmx) or the {@value #CSRF_FIELD}
 * form field; otherwise it is treated as having no session and marked with {@link #CSRF_FAILED}.
 */
public final class UiSessionAuthenticator
        implements SessionAuthenticator
{
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";
    /** Request property set when a valid session came without its CSRF token. */
    public static final String CSRF_FAILED = "iris.csrfFailed";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final UiSessions sessions;

    @Inject
    public UiSessionAuthenticator(UiSessions sessions)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public Optional<String> sessionUser(ContainerRequestContext request)
    {
        Optional<UiSession> session = sessions.current(request.getCookies());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !SessionCodec.tokensMatch(session.get().csrfToken(), submittedToken(request))) {
            request.setProperty(CSRF_FAILED, Boolean.TRUE);
            return Optional.empty();
        }
        request.setProperty(UiSession.REQUEST_PROPERTY, session.get());
        return Optional.of(session.get().username());
    }

    private static String submittedToken(ContainerRequestContext request)
    {
        String header = request.getHeaderString(CSRF_HEADER);
        if (header != null) {
            return header;
        }
        MediaType type = request.getMediaType();
        Object body = request.getProperty(HmacAuthFilter.RAW_BODY);
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) || !(body instanceof byte[] bytes)) {
            return null;
        }
        return formField(new String(bytes, StandardCharsets.UTF_8), CSRF_FIELD);
    }

    static String formField(String form, String name)
    {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
            catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
