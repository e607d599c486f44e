package dev.iris.api.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class UserResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient trusted;
    private static long aliceId;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            seed.application("plain", "plain-key", false, List.of());
            long shop = seed.application("shop", "shop-key", false, List.of());
            aliceId = seed.user("alice", false, Map.of("email", "alice@example.com", "call", "+15550001"));
            long bob = seed.user("bob", false, Map.of());
            seed.user("admin", true, Map.of());
            seed.team("ops", List.of(aliceId, bob));
            seed.mailingList("staff", List.of(aliceId));
            seed.mailingList("managers", List.of(bob));
            seed.owner(shop, bob);
        });
        api.client("shop", "shop-key").post("/v0/categories/shop", List.of(
                Map.of("name", "deploys", "description", "Deploys", "mode", "email"),
                Map.of("name", "outages", "description", "Outages", "mode", "sms")));
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void userSeesThemselvesInIrisShape()
    {
        api.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO device (registration_id, user_id, platform) VALUES ('reg-1', ?, 'android')", aliceId));
        trusted.as("alice").post("/v0/users/modes/alice", Map.of("urgent", "sms", "application", "shop"));
        trusted.as("alice").post("/v0/users/modes/alice", Map.of("high", "email"));
        trusted.as("alice").post("/v0/users/overrides/alice", Map.of("template_overrides", Map.of("sms", "enabled")));
        trusted.as("alice").post("/v0/users/alice/categories/shop", Map.of("outages", "call"));

        IrisTestClient.Response response = trusted.as("alice").get("/v0/users/alice");
        assertThat(response.status()).isEqualTo(200);
        JsonNode user = response.json();
        List<String> fields = new ArrayList<>();
        user.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "admin", "template_overrides", "category_overrides", "modes", "device", "per_app_modes", "teams", "contacts");
        assertThat(user.get("name").asText()).isEqualTo("alice");
        assertThat(user.get("admin").asBoolean()).isFalse();
        assertThat(user.get("template_overrides").toString()).isEqualTo("[\"sms\"]");
        assertThat(user.get("category_overrides").toString())
                .isEqualTo("{\"shop\":{\"application_name\":\"shop\",\"mode\":\"call\",\"category\":\"outages\"}}");
        assertThat(user.get("modes").toString()).isEqualTo("{\"high\":\"email\"}");
        assertThat(user.get("device").toString()).isEqualTo("[{\"registration_id\":\"reg-1\",\"user_id\":" + aliceId + ",\"platform\":\"android\"}]");
        assertThat(user.get("per_app_modes").toString()).isEqualTo("{\"shop\":{\"urgent\":\"sms\"}}");
        assertThat(user.get("teams").toString()).isEqualTo("[\"ops\"]");
        assertThat(user.get("contacts").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.get("contacts").get("call").asText()).isEqualTo("+15550001");

        assertThat(trusted.as("admin").get("/v0/users/" + aliceId).json().get("name").asText()).isEqualTo("alice");
        assertThat(trusted.get("/v0/users/alice").json().get("name").asText()).isEqualTo("alice");
    }

    @Test
    void enforceUser()
    {
        IrisTestClient.Response wrongUser = trusted.as("bob").get("/v0/users/alice");
        assertThat(wrongUser.status()).isEqualTo(401);
        assertThat(wrongUser.json().get("title").asText()).isEqualTo("This user is not allowed to access this resource");
        IrisTestClient.Response untrustedApp = api.client("plain", "plain-key").get("/v0/users/alice");
        assertThat(untrustedApp.status()).isEqualTo(401);
        assertThat(untrustedApp.json().get("title").asText()).isEqualTo("App must allow authentication as user for this action");
        assertThat(api.anonymous().get("/v0/users/alice").status()).isEqualTo(401);
        assertThat(trusted.as("admin").get("/v0/users/alice").status()).isEqualTo(200);

        // The same rule guards every user-scoped path.
        for (String path : List.of("/v0/users/modes/alice", "/v0/users/settings/alice", "/v0/users/reprioritization/alice",
                "/v0/users/alice/categories", "/v0/users/alice/categories/shop")) {
            assertThat(trusted.as("bob").get(path).status()).as(path).isEqualTo(401);
            assertThat(api.client("plain", "plain-key").get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(trusted.as("bob").post("/v0/users/modes/alice", Map.of("low", "sms")).status()).isEqualTo(401);
        assertThat(trusted.as("bob").put("/v0/users/settings/alice", Map.of("timezone", "UTC")).status()).isEqualTo(401);
        assertThat(trusted.as("bob").delete("/v0/users/reprioritization/alice/sms").status()).isEqualTo(401);
        assertThat(trusted.as("bob").delete("/v0/users/alice/categories/shop").status()).isEqualTo(401);
    }

    @Test
    void unknownUserIs404()
    {
        IrisTestClient.Response response = trusted.as("admin").get("/v0/users/nobody");
        assertThat(response.status()).isEqualTo(404);
        // Iris's bare HTTPNotFound: no body.
        assertThat(response.body()).isEmpty();
        assertThat(trusted.as("admin").get("/v0/users/999999").status()).isEqualTo(404);
        assertThat(trusted.as("admin").get("/v0/users/modes/nobody").status()).isEqualTo(404);
        assertThat(trusted.as("admin").get("/v0/users/ops").status()).isEqualTo(404);
    }

    @Test
    void inListsAndSlack()
    {
        assertThat(api.client("plain", "plain-key").get("/v0/users/alice/in_lists?list=staff").body()).isEqualTo("{\"is_member\":true}");
        assertThat(trusted.get("/v0/users/alice/in_lists?list=managers,staff").body()).isEqualTo("{\"is_member\":true}");
        assertThat(trusted.get("/v0/users/alice/in_lists?list=managers").body()).isEqualTo("{\"is_member\":false}");
        assertThat(trusted.get("/v0/users/alice/in_lists?list=ops").body()).isEqualTo("{\"is_member\":false}");
        IrisTestClient.Response missing = trusted.get("/v0/users/alice/in_lists");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("title").asText()).isEqualTo("Missing parameter");

        IrisTestClient.Response slack = api.anonymous().get("/v0/users/alice/slackid");
        assertThat(slack.status()).isEqualTo(404);
        assertThat(slack.json().get("title").asText()).isEqualTo("Slack is not configured");
    }

    @Test
    void settingsAreThePathUsers()
    {
        IrisTestClient.Response put = trusted.as("alice").put("/v0/users/settings/alice", Map.of("timezone", "Asia/Kolkata"));
        assertThat(put.status()).isEqualTo(204);
        assertThat(trusted.as("alice").get("/v0/users/settings/alice").body()).isEqualTo("{\"timezone\":\"Asia/Kolkata\"}");
        // An admin reads and changes another user's settings, not their own.
        assertThat(trusted.as("admin").get("/v0/users/settings/alice").body()).isEqualTo("{\"timezone\":\"Asia/Kolkata\"}");
        assertThat(trusted.as("admin").put("/v0/users/settings/bob", Map.of("timezone", "UTC")).status()).isEqualTo(204);
        assertThat(trusted.get("/v0/users/settings/bob").body()).isEqualTo("{\"timezone\":\"UTC\"}");
        assertThat(trusted.as("admin").get("/v0/users/settings/admin").body()).isEqualTo("{}");

        IrisTestClient.Response unsupported = trusted.as("alice").put("/v0/users/settings/alice", Map.of("timezone", "Mars/Olympus"));
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().get("title").asText()).isEqualTo("Invalid timezone");
        assertThat(trusted.as("alice").put("/v0/users/settings/alice", "oops").status()).isEqualTo(400);
        assertThat(trusted.as("alice").get("/v0/users/settings/alice").body()).isEqualTo("{\"timezone\":\"Asia/Kolkata\"}");
    }

    @Test
    void smsTemplateOverride()
    {
        IrisTestClient bob = trusted.as("bob");
        assertThat(bob.post("/v0/users/overrides/bob", Map.of("template_overrides", Map.of("sms", "enabled"))).status()).isEqualTo(204);
        assertThat(bob.get("/v0/users/bob").json().get("template_overrides").toString()).isEqualTo("[\"sms\"]");
        assertThat(bob.post("/v0/users/overrides/bob", Map.of("template_overrides", Map.of("sms", "disabled"))).status()).isEqualTo(204);
        assertThat(bob.get("/v0/users/bob").json().get("template_overrides").toString()).isEqualTo("[]");

        assertThat(title(bob.post("/v0/users/overrides/bob", Map.of("template_overrides", "sms"))))
                .isEqualTo("Invalid json in post body: template_overrides parameter is not a dict");
        assertThat(title(bob.post("/v0/users/overrides/bob", Map.of("template_overrides", Map.of("call", "enabled")))))
                .isEqualTo("No valid mode override values in post body");
        assertThat(title(bob.post("/v0/users/overrides/bob", Map.of("template_overrides", Map.of("sms", "maybe")))))
                .isEqualTo("Invalid sms override setting value: maybe");
        assertThat(title(bob.post("/v0/users/overrides/bob", "{"))).isEqualTo("Invalid json in post body");
    }

    @Test
    void categoryOverrides()
    {
        IrisTestClient bob = trusted.as("bob");
        IrisTestClient.Response created = bob.post("/v0/users/bob/categories/shop", Map.of("deploys", "slack", "outages", "call"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{}");
        assertThat(bob.get("/v0/users/bob/categories/shop").body()).isEqualTo(
                "[{\"mode\":\"slack\",\"category\":\"deploys\",\"application\":\"shop\"},{\"mode\":\"call\",\"category\":\"outages\",\"application\":\"shop\"}]");

        Map<String, Object> change = new HashMap<>();
        change.put("deploys", null);
        change.put("outages", "email");
        assertThat(bob.post("/v0/users/bob/categories/shop", change).status()).isEqualTo(201);
        assertThat(bob.get("/v0/users/bob/categories").body()).isEqualTo("[{\"mode\":\"email\",\"category\":\"outages\",\"application\":\"shop\"}]");
        assertThat(bob.get("/v0/users/bob/categories/other-app").body()).isEqualTo("[]");

        assertThat(title(bob.post("/v0/users/bob/categories/shop", Map.of("nope", "email")))).isEqualTo("Invalid category specified");
        assertThat(title(bob.post("/v0/users/bob/categories/shop", Map.of("outages", "pager")))).isEqualTo("Invalid mode specified");
        assertThat(title(bob.post("/v0/users/bob/categories/shop", Map.of("outages", 3)))).isEqualTo("Invalid mode specified");
        assertThat(title(trusted.post("/v0/users/nobody/categories/shop", Map.of()))).isEqualTo("Invalid user specified");
        assertThat(bob.get("/v0/users/bob/categories").json()).hasSize(1);

        assertThat(bob.delete("/v0/users/bob/categories/shop").status()).isEqualTo(204);
        assertThat(bob.get("/v0/users/bob/categories").body()).isEqualTo("[]");
    }

    static String title(IrisTestClient.Response response)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().get("title").asText();
    }
}
