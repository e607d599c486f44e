package dev.iris.api.ui;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A form for people who are not logged in (the login form, the password form). No session ties
 * its CSRF token to the person, so the form carries its own: a cookie scoped to the form's path,
 * and a hidden field that must match it.
 */
final class AnonymousForm
{
    private final String path;
    private final SessionCookies cookies;

    AnonymousForm(String path, SessionCookies cookies)
    {
        this.path = requireNonNull(path, "path is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
    }

    /**
     * Whether the posted token is the one this form set in its cookie.
     */
    boolean submittedWithItsToken(ContainerRequestContext request, String token)
    {
        Cookie expected = request.getCookies().get(SessionCookies.FORM_TOKEN);
        return expected != null && SessionCodec.tokensMatch(expected.getValue(), token);
    }

    /**
     * The page with the form, under a new token.
     */
    Response render(Response.ResponseBuilder response, Function<PageContext, PageView> page)
    {
        String token = SessionCodec.randomToken();
        return response
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(cookies.formTokenCookie(path, token))
                .entity(page.apply(PageContext.anonymous(token)))
                .build();
    }
}
