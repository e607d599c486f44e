package dev.iris.relay.teams;

import dev.iris.common.http.Html;
import dev.iris.common.http.IrisException;
import dev.iris.relay.action.TokenClaims;
import dev.iris.relay.http.FormBody;
import dev.iris.relay.http.RequestBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Where the "Claim" link of a Teams card leads. Teams opens it in a browser and signs nothing, so
 * the link carries a signed, expiring, single-use claim token (see {@link TokenClaims}) naming the
 * message and the person's sign-in name, in the URL's fragment: a browser never sends a fragment,
 * so the token stays out of access logs, proxies and Referer headers. {@code GET} is a page with one
 * "Claim" button whose script copies the fragment into the form; it claims nothing, so a link
 * scanner (Defender Safe Links opens links, and may run scripts) cannot claim. {@code POST} with the
 * token claims and shows the outcome. Both are HTML pages, errors too.
 */
@Path("/api/v0/teams/claim")
public final class TeamsResource
{
    private static final int MAX_BODY_BYTES = 4096;
    private static final String SCRIPT = "var t=location.hash.slice(1);"
            + "if(t){document.getElementById('token').value=decodeURIComponent(t);history.replaceState(null,'',location.pathname);}"
            + "else{document.getElementById('claim-form').hidden=true;document.getElementById('missing').hidden=false;}";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; "
            + "style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String CONFIRM_PAGE = page("Claim this Iris page?", """
            <form method="post" action="/api/v0/teams/claim" id="claim-form">
            <input type="hidden" name="token" id="token">
            <button type="submit" id="claim">Claim</button>
            </form>
            <p id="missing" hidden>This link has no claim token. Claim in the Iris web UI.</p>
            <script>%s</script>""".formatted(SCRIPT));

    private final TokenClaims claims;

    public TeamsResource(TokenClaims claims)
    {
        this.claims = requireNonNull(claims, "claims is null");
    }

    @GET
    public Response confirm()
    {
        return html(200, CONFIRM_PAGE);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(InputStream body)
    {
        String token;
        try {
            token = FormBody.parse(new String(RequestBodies.read(body, MAX_BODY_BYTES), StandardCharsets.UTF_8)).get("token").orElse("");
        }
        catch (IrisException e) {
            return html(e.status(), page(e.title(), "<p>" + Html.escape(e.description()) + "</p>"));
        }
        if (token.isBlank()) {
            return html(400, page("No claim token", "<p>This link has no claim token. Claim in the Iris web UI.</p>"));
        }
        try {
            String outcome = claims.claim(token);
            return html(200, page("Iris", "<p id=\"outcome\">" + Html.escape(outcome) + "</p>"));
        }
        catch (IrisException refused) {
            return html(refused.status(), page(refused.title(), "<p id=\"outcome\">" + Html.escape(refused.description()) + "</p>"));
        }
    }

    private static Response html(int status, String page)
    {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .entity(page)
                .build();
    }

    private static String page(String title, String content)
    {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem}button{font-size:1.2rem;padding:.6rem 2rem}</style>
                </head><body><main><h1>%1$s</h1>
                %2$s
                </main></body></html>
                """.formatted(Html.escape(title), content);
    }

    private static String sha256(String script)
    {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
