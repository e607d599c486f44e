package dev.iris.api.ui;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI login through the real {@code local} authenticator plugin (bcrypt hashes in the
 * database), as {@code configs/iris-api.yaml} configures it.
 */
final class LocalLoginTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(
                ConfigOverride.config("auth.type", "local"),
                ConfigOverride.config("ui.allowHttp", "true"));
        api.seed(seed -> {
            long carol = seed.user("carol", false, Map.of());
            seed.password(carol, BCrypt.withDefaults().hashToString(4, "carol-secret".toCharArray()));
            seed.user("dave", false, Map.of());
        });
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void rightPasswordLogsIn()
    {
        UiHttp http = new UiHttp(api.baseUri());
        http.login("carol", "carol-secret");
        HttpResponse<String> page = http.get("/incidents");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Log out carol");
    }

    @Test
    void wrongPasswordOrNoPasswordIsRefused()
    {
        UiHttp http = new UiHttp(api.baseUri());
        String token = UiHttp.csrfToken(http.get("/login").body());
        assertThat(http.postForm("/login", Map.of("username", "carol", "password", "wrong", "csrf", token)).statusCode()).isEqualTo(401);
        token = UiHttp.csrfToken(http.get("/login").body());
        assertThat(http.postForm("/login", Map.of("username", "dave", "password", "anything", "csrf", token)).statusCode()).isEqualTo(401);
        assertThat(http.cookie(SessionCookies.SESSION)).isEmpty();
    }
}
