package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import io.dropwizard.testing.ConfigOverride;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts an iris-api whose UI logins are checked by {@link TestingAuthenticatorPlugin}, with the
 * internal {@code iris} app and two users: {@code alice} (password {@value #ALICE_PASSWORD}) and
 * the admin {@code root} (password {@value #ROOT_PASSWORD}). {@code mallory} has a password but
 * is no Iris user.
 */
final class TestingUi
{
    static final String ALICE_PASSWORD = "alice-password";
    static final String ROOT_PASSWORD = "root-password";
    static final String SESSION_SECRET = "0123456789abcdef0123456789abcdef-test";

    private TestingUi() {}

    static TestingIrisApi start(ConfigOverride... more)
    {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("auth.type", "testing"),
                ConfigOverride.config("auth.config.passwords.alice", ALICE_PASSWORD),
                ConfigOverride.config("auth.config.passwords.root", ROOT_PASSWORD),
                ConfigOverride.config("auth.config.passwords.mallory", "mallory-password"),
                ConfigOverride.config("ui.allowHttp", "true"),
                ConfigOverride.config("ui.sessionSecret", SESSION_SECRET)));
        overrides.addAll(Arrays.asList(more));
        TestingIrisApi api = TestingIrisApi.start(overrides.toArray(ConfigOverride[]::new));
        api.seed(seed -> {
            seed.application("iris", "iris-internal-key", true, List.of());
            seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15550001111"));
            seed.user("root", true, Map.of("email", "root@example.com"));
        });
        return api;
    }

    /**
     * The {@code grafana} application (title variable), its {@code grafana-default} template and
     * {@code grafana-plan}, one step paging alice.
     */
    static void seedGrafana(TestingIrisApi api)
    {
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long app = seed.application("grafana", "grafana-key", false, List.of("title"));
            seed.template("grafana-default", alice, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("grafana-plan", alice, "page alice", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300)),
                    0, 0, 0, 0);
        });
    }

    /**
     * Closes the browser (if it opened), then the API, even when closing the browser fails.
     */
    static void close(Browser browser, TestingIrisApi api)
    {
        try {
            if (browser != null) {
                browser.close();
            }
        }
        finally {
            api.close();
        }
    }
}
