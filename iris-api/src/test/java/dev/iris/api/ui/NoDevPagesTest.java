package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production API serves no development pages, not even with {@code devMode: true}: the dev
 * inbox belongs to {@code ./iris dev}'s application (iris-dev).
 */
final class NoDevPagesTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start(ConfigOverride.config("devMode", "true"));
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void devRoutesAreNotFound()
    {
        UiHttp http = new UiHttp(api.baseUri());
        String csrf = http.login("alice", TestingUi.ALICE_PASSWORD);

        assertThat(http.get("/dev/inbox").statusCode()).isEqualTo(404);
        assertThat(http.get("/dev/inbox?to=%2B15550001111").statusCode()).isEqualTo(404);
        HttpResponse<String> reply = http.postForm("/dev/inbox/1/reply", Map.of("csrf", csrf, "body", "claim"), Map.of("X-CSRF-Token", csrf));
        assertThat(reply.statusCode()).isEqualTo(404);
    }

    @Test
    void navigationHasNoDevInboxLink()
    {
        UiHttp http = new UiHttp(api.baseUri());
        http.login("alice", TestingUi.ALICE_PASSWORD);

        HttpResponse<String> incidents = http.get("/incidents");

        assertThat(incidents.statusCode()).isEqualTo(200);
        assertThat(incidents.body()).contains("href=\"/plans\"").doesNotContain("/dev/inbox").doesNotContain("Dev inbox");
    }
}
