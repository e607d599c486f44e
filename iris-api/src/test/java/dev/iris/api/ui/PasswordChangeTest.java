package dev.iris.api.ui;

import dev.iris.api.bootstrap.FirstDeployment;
import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin's way in: a login with the one-time password from {@code bootstrap} starts no
 * session and leads to the form that replaces it; the new password then works and the old one no
 * longer does.
 */
final class PasswordChangeTest
{
    private static TestingIrisApi api;
    private static String oneTimePassword;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(
                ConfigOverride.config("auth.type", "local"),
                ConfigOverride.config("ui.allowHttp", "true"),
                ConfigOverride.config("ui.sessionSecret", TestingUi.SESSION_SECRET));
        oneTimePassword = new FirstDeployment(api.jdbi()).bootstrap("first-admin", null).adminPassword().orElseThrow();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void aOneTimePasswordMustBeReplacedBeforeASessionStarts()
    {
        UiHttp http = new UiHttp(api.baseUri());
        HttpResponse<String> login = http.postForm("/login", Map.of("username", "first-admin", "password", oneTimePassword,
                "csrf", UiHttp.csrfToken(http.get("/login").body()), "next", "/incidents"));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/password?username=first-admin&one-time=1"));
        assertThat(http.cookie(SessionCookies.SESSION)).as("no session yet").isEmpty();
        assertThat(http.get("/incidents").statusCode()).as("still logged out").isEqualTo(303);

        HttpResponse<String> form = http.get("/password?username=first-admin&one-time=1");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"password-notice\"").contains("one-time password").contains("value=\"first-admin\"");
        String csrf = UiHttp.csrfToken(form.body());

        HttpResponse<String> wrongCurrent = http.postForm("/password", Map.of("csrf", csrf, "username", "first-admin",
                "current", "not-the-password", "password", "a-long-new-password", "repeat", "a-long-new-password"));
        assertThat(wrongCurrent.statusCode()).isEqualTo(401);
        assertThat(wrongCurrent.body()).contains("The username or current password is wrong");

        csrf = UiHttp.csrfToken(wrongCurrent.body());
        HttpResponse<String> tooShort = http.postForm("/password", Map.of("csrf", csrf, "username", "first-admin",
                "current", oneTimePassword, "password", "short", "repeat", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 12 characters");

        csrf = UiHttp.csrfToken(tooShort.body());
        HttpResponse<String> mismatch = http.postForm("/password", Map.of("csrf", csrf, "username", "first-admin",
                "current", oneTimePassword, "password", "a-long-new-password", "repeat", "another-long-password"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("The two new passwords differ");

        csrf = UiHttp.csrfToken(mismatch.body());
        HttpResponse<String> changed = http.postForm("/password", Map.of("csrf", csrf, "username", "first-admin",
                "current", oneTimePassword, "password", "a-long-new-password", "repeat", "a-long-new-password"));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(http.cookie(SessionCookies.SESSION)).as("logged in once the password is set").isPresent();
        assertThat(http.get("/incidents").statusCode()).isEqualTo(200);

        UiHttp later = new UiHttp(api.baseUri());
        later.login("first-admin", "a-long-new-password");
        UiHttp old = new UiHttp(api.baseUri());
        HttpResponse<String> oldLogin = old.postForm("/login", Map.of("username", "first-admin", "password", oneTimePassword,
                "csrf", UiHttp.csrfToken(old.get("/login").body()), "next", "/incidents"));
        assertThat(oldLogin.statusCode()).isEqualTo(401);
    }

    @Test
    void theFormRefusesAPostWithoutItsToken()
    {
        UiHttp http = new UiHttp(api.baseUri());
        HttpResponse<String> forged = http.postForm("/password", Map.of("csrf", "forged", "username", "first-admin",
                "current", "whatever", "password", "a-long-new-password", "repeat", "a-long-new-password"));
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
