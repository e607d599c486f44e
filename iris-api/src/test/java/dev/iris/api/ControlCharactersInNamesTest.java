package dev.iris.api;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.api.ui.UiHttp;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names with line breaks or other control characters are refused with 400 wherever something
 * is named or renamed, through the API and the web UI (issue 11, item 7); Iris accepts them.
 * Each request is otherwise valid: the same request with a clean name succeeds.
 */
final class ControlCharactersInNamesTest
{
    private static final List<String> BAD = List.of("line\nbreak", "carriage\rreturn", "tab\there", "bell\u0007", "next\u0085line", "line\u2028separator");

    private static TestingIrisApi api;
    private static IrisTestClient admin;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(ConfigOverride.config("auth.type", "local"), ConfigOverride.config("ui.allowHttp", "true"));
        api.seed(seed -> {
            seed.application("trusted", "trusted-key", true, List.of());
            long app = seed.application("app", "app-key", false, List.of("title"));
            long alice = seed.user("alice", true, Map.of("email", "alice@example.com"));
            seed.password(alice, at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "alice-secret".toCharArray()));
            seed.template("tmpl", alice, app, List.of("email"), "subject", "body");
            seed.plan("existing", alice, "", List.of(Notification.of(1, "user", alice, "high", "tmpl", 1, 300)), 0, 0, 0, 0);
        });
        admin = api.client("trusted", "trusted-key").as("alice");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void applicationNames()
    {
        for (String bad : BAD) {
            assertInvalidName(admin.post("/v0/applications", Map.of("name", "app " + bad)));
            assertInvalidName(admin.put("/v0/applications/app/rename", Map.of("new_name", "app " + bad)));
        }
        assertThat(admin.post("/v0/applications", Map.of("name", "clean app")).status()).isEqualTo(201);
        int applications = api.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM application").mapTo(Integer.class).one());
        assertThat(applications).as("nothing but the clean one was created").isEqualTo(3);
    }

    @Test
    void templateVariablesAndIncidentEmailAddresses()
    {
        for (String bad : BAD) {
            assertInvalidName(admin.put("/v0/applications/app", settings(List.of("title", "var " + bad))));
            assertInvalidName(admin.put("/v0/applications/app/incident_emails", Map.of("alerts" + bad + "@example.com", "existing")));
        }
        assertThat(admin.put("/v0/applications/app", settings(List.of("title", "host"))).status()).isEqualTo(200);
    }

    @Test
    void planTemplateAndCategoryNames()
    {
        for (String bad : BAD) {
            assertInvalidName(admin.post("/v0/plans", plan("plan " + bad)));
            assertInvalidName(admin.post("/v0/templates", template("template " + bad)));
            assertInvalidName(admin.post("/v0/categories/app", List.of(Map.of("name", "category " + bad, "description", "d", "mode", "email"))));
        }
        assertThat(admin.post("/v0/plans", plan("clean plan")).status()).isEqualTo(201);
        assertThat(admin.post("/v0/templates", template("clean template")).status()).isEqualTo(201);
        assertThat(admin.post("/v0/categories/app", List.of(Map.of("name", "clean", "description", "d", "mode", "email"))).status()).isEqualTo(200);
    }

    @Test
    void webUiRefusesThemToo()
    {
        UiHttp http = new UiHttp(api.baseUri());
        http.login("alice", "alice-secret");
        String yaml = """
                name: "%s"
                description: ""
                threshold_window: 900
                threshold_count: 10
                aggregation_window: 300
                aggregation_reset: 300
                steps:
                  - - {role: user, target: alice, priority: high, wait: 600, repeat: 1, template: tmpl}
                """;

        String token = UiHttp.csrfToken(http.get("/plans/import").body());
        assertThat(http.postForm("/plans/import", Map.of("yaml", yaml.formatted("ui plan\\nforged"), "csrf", token)).statusCode()).isEqualTo(400);
        token = UiHttp.csrfToken(http.get("/plans/import").body());
        assertThat(http.postForm("/plans/import", Map.of("yaml", yaml.formatted("ui plan"), "csrf", token)).statusCode()).isEqualTo(303);

        List<String> names = api.jdbi().withHandle(handle -> handle.createQuery("SELECT name FROM plan WHERE name LIKE 'ui plan%'").mapTo(String.class).list());
        assertThat(names).containsExactly("ui plan");
    }

    private static void assertInvalidName(IrisTestClient.Response response)
    {
        assertError(response, 400, "Invalid name");
        assertThat(response.json().path("description").asText()).contains("must not contain line breaks or other control characters");
    }

    private static Map<String, Object> settings(List<String> variables)
    {
        return Map.of("sample_context", "{}", "context_template", "ctx", "summary_template", "summary", "mobile_template", "mobile", "variables", variables);
    }

    private static Map<String, Object> plan(String name)
    {
        Map<String, Object> notification = Map.of("role", "user", "target", "alice", "priority", "high", "wait", 600, "repeat", 1, "template", "tmpl");
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("creator", "alice");
        plan.put("name", name);
        plan.put("description", "");
        plan.put("threshold_window", 900);
        plan.put("threshold_count", 10);
        plan.put("aggregation_window", 300);
        plan.put("aggregation_reset", 300);
        plan.put("steps", List.of(List.of(notification)));
        return plan;
    }

    private static Map<String, Object> template(String name)
    {
        return Map.of("creator", "alice", "name", name, "content", Map.of("app", Map.of("email", Map.of("subject", "s", "body", "{{ title }}"))));
    }
}
