package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class LoginTest
{
    private static TestingIrisApi api;
    private UiHttp http;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @BeforeEach
    void newBrowser()
    {
        http = new UiHttp(api.baseUri());
    }

    @Test
    void pagesWithoutSessionRedirectToLoginWithNext()
    {
        HttpResponse<String> response = http.get("/incidents?active=1");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fincidents%3Factive%3D1");
    }

    @Test
    void htmxRequestsWithoutSessionGetAnHtmxRedirect()
    {
        HttpResponse<String> response = http.getWithHeaders("/incidents/changes?state=all", Map.of("HX-Request", "true"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("HX-Redirect").orElseThrow()).isEqualTo("/login?next=%2Fincidents%2Fchanges%3Fstate%3Dall");
    }

    @Test
    void loginFormCarriesATokenTiedToACookie()
    {
        HttpResponse<String> form = http.get("/login?next=/plans");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(form.body()).contains("name=\"next\" value=\"/plans\"");
        assertThat(http.cookie(SessionCookies.FORM_TOKEN)).contains(UiHttp.csrfToken(form.body()));
    }

    @Test
    void successfulLoginSetsASignedHttpOnlyLaxCookieAndRedirectsToNext()
    {
        String token = UiHttp.csrfToken(http.get("/login").body());
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "alice", "password", TestingUi.ALICE_PASSWORD, "csrf", token, "next", "/plans/web?x=1"));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/plans/web?x=1");
        String cookie = UiHttp.setCookies(response).stream().filter(value -> value.startsWith(SessionCookies.SESSION + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=43200").doesNotContain("Secure");
        assertThat(http.get("/login").statusCode()).as("a logged-in user skips the form").isEqualTo(303);
    }

    @Test
    void offSiteNextFallsBackToIncidents()
    {
        String token = UiHttp.csrfToken(http.get("/login").body());
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "alice", "password", TestingUi.ALICE_PASSWORD, "csrf", token, "next", "//evil.example/x"));
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/incidents").doesNotContain("evil");
    }

    @Test
    void wrongPasswordIsRefusedWithoutSession()
    {
        String token = UiHttp.csrfToken(http.get("/login").body());
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "alice", "password", "nope", "csrf", token));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid username or password");
        assertThat(http.cookie(SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void passwordOfSomeoneWhoIsNoIrisUserIsRefused()
    {
        String token = UiHttp.csrfToken(http.get("/login").body());
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "mallory", "password", "mallory-password", "csrf", token));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(http.cookie(SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void loginWithoutTheFormTokenIsRefused()
    {
        http.get("/login");
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "alice", "password", TestingUi.ALICE_PASSWORD, "csrf", "forged"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(http.cookie(SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void loginEchoesTheUsernameEscaped()
    {
        String token = UiHttp.csrfToken(http.get("/login").body());
        HttpResponse<String> response = http.postForm("/login", Map.of("username", "<script>alert(1)</script>", "password", "x", "csrf", token));
        assertThat(response.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void tamperedSessionCookieIsIgnored()
    {
        http.login("alice", TestingUi.ALICE_PASSWORD);
        String cookie = http.cookie(SessionCookies.SESSION).orElseThrow();
        String[] parts = cookie.split("\\.");
        parts[1] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("root".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        http.setCookie(SessionCookies.SESSION, String.join(".", parts));
        assertThat(http.get("/incidents").statusCode()).isEqualTo(303);
    }

    @Test
    void formsPostedWithoutTheSessionTokenAreRefused()
    {
        String csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
        HttpResponse<String> forged = http.postForm("/user/timezone", Map.of("timezone", "UTC"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("This form has expired");
        HttpResponse<String> wrong = http.postForm("/user/timezone", Map.of("timezone", "UTC", "csrf", csrf + "x"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> ok = http.postForm("/user/timezone", Map.of("timezone", "Europe/Berlin", "csrf", csrf));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).contains("message=");
        // htmx sends the token as a header instead.
        HttpResponse<String> htmx = http.postForm("/user/timezone", Map.of("timezone", "UTC"), Map.of(UiSessionAuthenticator.CSRF_HEADER, csrf));
        assertThat(htmx.statusCode()).isEqualTo(303);
    }

    @Test
    void unsupportedTimezoneIsRefused()
    {
        String csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
        HttpResponse<String> response = http.postForm("/user/timezone", Map.of("timezone", "Mars/Olympus", "csrf", csrf));
        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("error=Invalid+timezone");
    }

    @Test
    void logoutNeedsTheSessionTokenAndEndsTheSession()
    {
        String csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
        HttpResponse<String> forged = http.postForm("/logout", Map.of("csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(http.cookie(SessionCookies.SESSION)).isPresent();

        HttpResponse<String> response = http.postForm("/logout", Map.of("csrf", csrf));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(UiHttp.setCookies(response)).anySatisfy(value -> assertThat(value).startsWith(SessionCookies.SESSION + "=;").contains("Max-Age=0"));
    }

    @Test
    void aCopiedCookieNoLongerWorksAfterLogout()
    {
        String csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
        String copied = http.cookie(SessionCookies.SESSION).orElseThrow();
        assertThat(http.get("/incidents").statusCode()).isEqualTo(200);
        assertThat(http.postForm("/logout", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);

        UiHttp thief = new UiHttp(api.baseUri());
        thief.setCookie(SessionCookies.SESSION, copied);
        HttpResponse<String> replay = thief.get("/incidents");
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(replay.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(thief.get("/login").statusCode()).as("the login form shows again").isEqualTo(200);
    }

    @Test
    void adminEndsEverySessionOfAUser()
    {
        UiHttp phone = new UiHttp(api.baseUri());
        phone.login("alice", TestingUi.ALICE_PASSWORD);
        UiHttp admin = new UiHttp(api.baseUri());
        String adminCsrf = admin.login("root", TestingUi.ROOT_PASSWORD);

        // alice may not end root's sessions.
        String aliceCsrf = http.login("alice", TestingUi.ALICE_PASSWORD);
        HttpResponse<String> refused = http.postForm("/sessions/end-all", Map.of("username", "root", "csrf", aliceCsrf));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("error=");
        assertThat(admin.get("/incidents").statusCode()).isEqualTo(200);

        HttpResponse<String> ended = admin.postForm("/sessions/end-all", Map.of("username", "alice", "csrf", adminCsrf));
        assertThat(ended.headers().firstValue("Location").orElseThrow()).containsPattern("message=Ended\\+\\d+\\+sessions\\+of\\+alice");
        assertThat(http.get("/incidents").statusCode()).isEqualTo(303);
        assertThat(phone.get("/incidents").statusCode()).isEqualTo(303);
        assertThat(admin.get("/incidents").statusCode()).as("the admin's own session lives on").isEqualTo(200);
    }

    @Test
    void qrPageIsNotFoundWithoutItsConfiguration()
    {
        http.login("alice", TestingUi.ALICE_PASSWORD);
        assertThat(http.get("/qr").statusCode()).isEqualTo(404);
    }
}
