package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import java.util.Date;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The web UI's cookies: the signed session, and the CSRF token of a form posted without a session
 * (the login and password forms), scoped to that form's path. Both are HttpOnly and SameSite=Lax, and Secure unless
 * the UI runs over plain HTTP in development.
 */
public final class SessionCookies
{
    public static final String SESSION = "iris-session";
    public static final String FORM_TOKEN = "iris-login";

    private final SessionCodec codec;
    private final boolean secure;

    @Inject
    public SessionCookies(SessionCodec codec, IrisApiConfiguration configuration)
    {
        this.codec = requireNonNull(codec, "codec is null");
        this.secure = !(configuration.isDevMode() || configuration.getUi().isAllowHttp());
    }

    public Optional<UiSession> session(Map<String, Cookie> cookies)
    {
        Cookie cookie = cookies.get(SESSION);
        return cookie == null ? Optional.empty() : codec.decode(cookie.getValue());
    }

    public NewCookie sessionCookie(UiSession session)
    {
        return cookie(SESSION, codec.encode(session), "/", (int) codec.lifetime().toSeconds());
    }

    public NewCookie expiredSessionCookie()
    {
        return cookie(SESSION, "", "/", 0);
    }

    public NewCookie formTokenCookie(String path, String token)
    {
        return cookie(FORM_TOKEN, token, path, 3600);
    }

    private NewCookie cookie(String name, String value, String path, int maxAgeSeconds)
    {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAgeSeconds)
                .expiry(maxAgeSeconds == 0 ? new Date(0) : null)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
