package dev.iris.api.application;

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

import static dev.iris.api.testing.ApiFixtures.ownerAdminAndOther;
import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class ApplicationResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient trusted;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            seed.application("plain", "plain-key", false, List.of());
            long app = seed.application("shop", "shop-key", false, List.of("title", "host"));
            long owner = ownerAdminAndOther(seed, Map.of("email", "owner@example.com"));
            seed.owner(app, owner);
            seed.application("hidden", "hidden-key", false, List.of());
        });
        execute("UPDATE application SET auth_only = 1 WHERE name = 'hidden'");
        execute("""
                UPDATE template_variable v JOIN application a ON a.id = v.application_id
                SET v.required = 1 WHERE a.name = 'shop' AND v.name = 'host'""");
        execute("""
                INSERT INTO notification_category (application_id, name, description, mode_id)
                SELECT a.id, 'deploys', 'Deploy notices', m.id FROM application a, mode m WHERE a.name = 'shop' AND m.name = 'email'""");
        execute("""
                INSERT INTO default_application_mode (application_id, priority_id, mode_id)
                SELECT a.id, p.id, m.id FROM application a, priority p, mode m WHERE a.name = 'shop' AND p.name = 'high' AND m.name = 'sms'""");
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void listShowsEveryVisibleApplicationWithoutAuthentication()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications");
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().forEach(app -> names.add(app.get("name").asText()));
        assertThat(names).contains("shop", "plain", "trusted").doesNotContain("hidden");
        assertThat(response.body()).doesNotContain("shop-key");
    }

    @Test
    void getShowsIrisShape()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/shop");
        assertThat(response.status()).isEqualTo(200);
        JsonNode app = response.json();
        List<String> fields = new ArrayList<>();
        app.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "context_template", "sample_context", "summary_template", "mobile_template", "variables",
                "required_variables", "title_variable", "default_modes", "supported_modes", "owners", "custom_sender_addresses", "categories");
        assertThat(app.get("variables")).extracting(JsonNode::asText).containsExactly("host", "title");
        assertThat(app.get("required_variables")).extracting(JsonNode::asText).containsExactly("host");
        assertThat(app.get("title_variable").asText()).isEqualTo("title");
        assertThat(app.get("default_modes").get("high").asText()).isEqualTo("sms");
        assertThat(app.get("supported_modes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("call", "email", "mattermost", "ntfy", "slack", "sms", "teams", "telegram", "webhook");
        assertThat(app.get("owners")).extracting(JsonNode::asText).containsExactly("owner");
        assertThat(app.get("custom_sender_addresses").isObject()).isTrue();
        JsonNode category = app.get("categories").get(0);
        assertThat(category.get("name").asText()).isEqualTo("deploys");
        assertThat(category.get("description").asText()).isEqualTo("Deploy notices");
        assertThat(category.get("mode").asText()).isEqualTo("email");
        assertThat(category.get("id").isIntegralNumber()).isTrue();
    }

    @Test
    void getUnknownOrAuthOnlyApplicationIs400()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/nope");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Application nope not found");
        assertThat(api.anonymous().get("/v0/applications/hidden").status()).isEqualTo(400);
    }

    @Test
    void adminCreatesApplicationWithKeyAndEveryModeButDrop()
    {
        IrisTestClient.Response response = trusted.as("admin").post("/v0/applications", Map.of("name", "  fresh  "));
        assertThat(response.status()).isEqualTo(201);
        long id = response.json().get("id").asLong();
        assertThat(id).isPositive();
        String key = api.jdbi().withHandle(handle -> handle.createQuery("SELECT `key` FROM application WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertThat(key).matches("[0-9a-f]{64}");
        JsonNode app = api.anonymous().get("/v0/applications/fresh").json();
        assertThat(app.get("supported_modes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("call", "email", "mattermost", "ntfy", "slack", "sms", "teams", "telegram", "webhook");

        IrisTestClient.Response duplicate = trusted.as("admin").post("/v0/applications", Map.of("name", "fresh"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("title").asText()).isEqualTo("This app already exists");
    }

    @Test
    void onlyAdminsCreateApplications()
    {
        IrisTestClient.Response byOwner = trusted.as("owner").post("/v0/applications", Map.of("name", "mine"));
        assertThat(byOwner.status()).isEqualTo(401);
        assertThat(byOwner.json().get("title").asText()).isEqualTo("Only admins can create apps");
        assertThat(trusted.post("/v0/applications", Map.of("name", "mine")).status()).isEqualTo(401);
        assertThat(api.anonymous().post("/v0/applications", Map.of("name", "mine")).status()).isEqualTo(401);
        assertThat(api.anonymous().get("/v0/applications/mine").status()).isEqualTo(400);
    }

    @Test
    void createRejectsBadBodies()
    {
        assertThat(title(trusted.as("admin").post("/v0/applications", Map.of("name", " ")))).isEqualTo("Missing app name");
        assertThat(title(trusted.as("admin").post("/v0/applications", Map.of()))).isEqualTo("Missing app name");
        assertThat(title(trusted.as("admin").post("/v0/applications", "{not json"))).isEqualTo("Invalid json in post body");
        assertThat(title(trusted.as("admin").post("/v0/applications", Map.of("name", "x".repeat(300))))).isEqualTo("Invalid value");
    }

    @Test
    void valuesTooLongForTheSchemaAreRejected()
    {
        IrisTestClient admin = trusted.as("admin");
        assertThat(title(admin.put("/v0/applications/plain", with(settings("plain"), "custom_sender_addresses", Map.of("email", "a".repeat(300))))))
                .isEqualTo("Invalid value");
        assertThat(title(admin.put("/v0/applications/plain", with(settings("plain"), "variables", List.of("v".repeat(300))))))
                .isEqualTo("Invalid value");
        assertThat(title(admin.put("/v0/applications/plain/rename", Map.of("new_name", "n".repeat(300))))).isEqualTo("Invalid value");
        assertThat(api.anonymous().get("/v0/applications/plain").json().get("variables")).isEmpty();
    }

    @Test
    void ownerUpdatesSettings()
    {
        IrisTestClient.Response response = trusted.as("owner").put("/v0/applications/shop", Map.of(
                "sample_context", "{\"title\": \"disk full\"}",
                "context_template", "<b>{{title}}</b>",
                "summary_template", "{{title}}",
                "mobile_template", "{{title}}",
                "variables", List.of("title", "host", "region"),
                "title_variable", "region",
                "custom_sender_addresses", Map.of("email", "shop@example.com"),
                "default_modes", Map.of("urgent", "call", "low", "email")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");

        JsonNode app = api.anonymous().get("/v0/applications/shop").json();
        assertThat(app.get("context_template").asText()).isEqualTo("<b>{{title}}</b>");
        assertThat(app.get("sample_context").asText()).isEqualTo("{\"title\": \"disk full\"}");
        assertThat(app.get("variables")).extracting(JsonNode::asText).containsExactly("host", "region", "title");
        assertThat(app.get("title_variable").asText()).isEqualTo("region");
        assertThat(app.get("custom_sender_addresses").get("email").asText()).isEqualTo("shop@example.com");
        // Priorities left out of default_modes are removed (high was sms).
        assertThat(app.get("default_modes").toString()).isEqualTo("{\"urgent\":\"call\",\"low\":\"email\"}");
    }

    @Test
    void updateChecksOwnershipFirst()
    {
        Map<String, Object> body = settings("shop");
        IrisTestClient.Response byOther = trusted.as("other").put("/v0/applications/shop", body);
        assertThat(byOther.status()).isEqualTo(401);
        assertThat(title(byOther)).isEqualTo("Only admins and app owners can change this app's settings.");
        assertThat(trusted.put("/v0/applications/shop", body).status()).isEqualTo(401);
        assertThat(api.client("shop", "shop-key").put("/v0/applications/shop", body).status()).isEqualTo(401);
        assertThat(title(trusted.as("admin").put("/v0/applications/nope", body))).isEqualTo("Application nope not found");
    }

    @Test
    void updateValidatesTheBody()
    {
        IrisTestClient client = trusted.as("admin");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "sample_context", "{broken"))))
                .isEqualTo("sample_context must be valid json");
        assertThat(title(client.put("/v0/applications/plain", without(settings("plain"), "sample_context"))))
                .isEqualTo("sample_context must be valid json");
        assertThat(title(client.put("/v0/applications/plain", without(settings("plain"), "context_template"))))
                .isEqualTo("context_template must be specified");
        assertThat(title(client.put("/v0/applications/plain", without(settings("plain"), "summary_template"))))
                .isEqualTo("summary_template must be specified");
        assertThat(title(client.put("/v0/applications/plain", without(settings("plain"), "mobile_template"))))
                .isEqualTo("mobile_template must be specified");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "variables", "title"))))
                .isEqualTo("variables must be specified and be a list");
        assertThat(title(client.put("/v0/applications/plain", with(with(settings("plain"), "variables", List.of("a")), "title_variable", "nope"))))
                .isEqualTo("title variable is invalid");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "owners", "owner"))))
                .isEqualTo("To change owners, you must pass a list of strings");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "supported_modes", "sms"))))
                .isEqualTo("To change modes, you must pass a list of strings");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "custom_sender_addresses", List.of("x")))))
                .isEqualTo("To change custom addresses, you must pass a dictionary of mode: address pairings");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "custom_sender_addresses", Map.of("sms", "+1")))))
                .isEqualTo("sms does not support custom sender addresses");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "default_modes", Map.of("urgent", "drop")))))
                .isEqualTo("Invalid default mode");
        assertThat(title(client.put("/v0/applications/plain", with(settings("plain"), "default_modes", Map.of("someday", "email")))))
                .isEqualTo("Invalid priority");
        assertThat(title(client.put("/v0/applications/plain", "[]"))).isEqualTo("Invalid json in post body");
        // Nothing of the rejected requests was applied.
        assertThat(api.anonymous().get("/v0/applications/plain").json().get("default_modes").isEmpty()).isTrue();
    }

    @Test
    void ownersStayOwnersAndOnlyAdminsChangeModes()
    {
        long app = api.jdbi().inTransaction(handle -> {
            dev.iris.testing.seed.SeedWriter seed = new dev.iris.testing.seed.SeedWriter(handle);
            long id = seed.application("team-app", "team-key", false, List.of());
            seed.owner(id, seed.user("owner", false, Map.of()));
            return id;
        });
        assertThat(app).isPositive();

        Map<String, Object> byOwner = with(with(settings("team-app"), "owners", List.of("other")), "supported_modes", List.of("email"));
        assertThat(trusted.as("owner").put("/v0/applications/team-app", byOwner).status()).isEqualTo(200);
        JsonNode afterOwner = api.anonymous().get("/v0/applications/team-app").json();
        assertThat(afterOwner.get("owners")).extracting(JsonNode::asText).containsExactly("other", "owner");
        int allModes = api.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM mode WHERE name <> 'drop'").mapTo(Integer.class).one());
        assertThat(afterOwner.get("supported_modes")).as("an owner cannot change supported modes").hasSize(allModes);

        Map<String, Object> byAdmin = with(with(with(settings("team-app"), "owners", List.of("other")),
                "supported_modes", List.of("email", "drop")), "default_modes", Map.of("low", "drop", "high", "sms"));
        IrisTestClient.Response response = trusted.as("admin").put("/v0/applications/team-app", byAdmin);
        assertThat(response.status()).isEqualTo(200);
        JsonNode afterAdmin = api.anonymous().get("/v0/applications/team-app").json();
        assertThat(afterAdmin.get("owners")).extracting(JsonNode::asText).containsExactly("other");
        assertThat(afterAdmin.get("supported_modes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("email", "drop");
        // sms was removed by this same request: Iris skips that default instead of failing.
        assertThat(afterAdmin.get("default_modes").toString()).isEqualTo("{\"low\":\"drop\"}");

        assertThat(trusted.as("admin").put("/v0/applications/team-app", with(settings("team-app"), "supported_modes", List.of("email"))).status())
                .isEqualTo(200);
        // Removing a mode removes the defaults that use it.
        assertThat(api.anonymous().get("/v0/applications/team-app").json().get("default_modes").isEmpty()).isTrue();

        assertThat(title(trusted.as("admin").put("/v0/applications/team-app", with(settings("team-app"), "supported_modes", List.of("pager")))))
                .isEqualTo("Invalid mode");
        assertThat(title(trusted.as("admin").put("/v0/applications/team-app", with(settings("team-app"), "owners", List.of("ghost")))))
                .isEqualTo("Invalid owner");
    }

    @Test
    void customSenderAddressIsRemovedWithNull()
    {
        IrisTestClient admin = trusted.as("admin");
        assertThat(admin.put("/v0/applications/trusted", with(settings("trusted"), "custom_sender_addresses", Map.of("email", "a@example.com"))).status())
                .isEqualTo(200);
        Map<String, Object> remove = new HashMap<>();
        remove.put("email", null);
        assertThat(admin.put("/v0/applications/trusted", with(settings("trusted"), "custom_sender_addresses", remove)).status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v0/applications/trusted").json().get("custom_sender_addresses").isEmpty()).isTrue();
    }

    @Test
    void deleteNeedsALoggedInOwnerOrAdmin()
    {
        api.seed(seed -> seed.owner(seed.application("doomed", "doomed-key", false, List.of()), seed.user("owner", false, Map.of())));
        IrisTestClient.Response anonymousApp = trusted.delete("/v0/applications/doomed");
        assertThat(anonymousApp.status()).isEqualTo(401);
        assertThat(title(anonymousApp)).isEqualTo("You must be a logged in user to delete this app");
        IrisTestClient.Response byOther = trusted.as("other").delete("/v0/applications/doomed");
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(title(byOther)).isEqualTo("You don't have permissions to delete this app.");

        IrisTestClient.Response byOwner = trusted.as("owner").delete("/v0/applications/doomed");
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.body()).isEqualTo("[]");
        assertThat(api.anonymous().get("/v0/applications/doomed").status()).isEqualTo(400);
        assertThat(title(trusted.as("admin").delete("/v0/applications/doomed"))).isEqualTo("No rows changed; app name probably already deleted");
    }

    @Test
    void applicationInUseCannotBeDeleted()
    {
        api.seed(seed -> {
            long app = seed.application("busy", "busy-key", false, List.of());
            long creator = seed.user("owner", false, Map.of());
            seed.template("busy-template", creator, app, List.of("email"), "s", "b");
            seed.plan("busy-plan", creator, "", List.of(), 0, 0, 0, 0);
        });
        execute("""
                INSERT INTO incident (plan_id, created, updated, context, application_id)
                SELECT p.plan_id, NOW(3), NOW(3), '{}', a.id FROM plan_active p, application a
                WHERE p.name = 'busy-plan' AND a.name = 'busy'""");
        IrisTestClient.Response response = trusted.as("admin").delete("/v0/applications/busy");
        assertThat(response.status()).isEqualTo(400);
        assertThat(title(response)).isEqualTo("Cannot remove app. It has likely already in use.");
    }

    @Test
    void renameChecksAndRenames()
    {
        api.seed(seed -> seed.owner(seed.application("old-name", "old-key", false, List.of()), seed.user("owner", false, Map.of())));
        assertThat(title(trusted.put("/v0/applications/old-name/rename", Map.of("new_name", "x")))).isEqualTo("You must be a logged in user to rename this app");
        IrisTestClient.Response byOther = trusted.as("other").put("/v0/applications/old-name/rename", Map.of("new_name", "x"));
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(title(byOther)).isEqualTo("You don't have permissions to rename this app.");
        IrisTestClient owner = trusted.as("owner");
        assertThat(title(owner.put("/v0/applications/old-name/rename", Map.of()))).isEqualTo("Missing new_name from post body");
        assertThat(title(owner.put("/v0/applications/old-name/rename", Map.of("new_name", "old-name")))).isEqualTo("New and old app name are identical");
        assertThat(title(owner.put("/v0/applications/old-name/rename", Map.of("new_name", "shop")))).isEqualTo("Destination app name likely already exists");

        IrisTestClient.Response renamed = owner.put("/v0/applications/old-name/rename", Map.of("new_name", "new-name"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body()).isEqualTo("[]");
        assertThat(api.anonymous().get("/v0/applications/new-name").json().get("owners").get(0).asText()).isEqualTo("owner");
        assertThat(title(trusted.as("admin").put("/v0/applications/old-name/rename", Map.of("new_name", "again"))))
                .isEqualTo("No rows changed; old app name incorrect");
    }

    static void execute(String sql)
    {
        api.jdbi().useHandle(handle -> handle.execute(sql));
    }

    static Map<String, Object> settings(String application)
    {
        Map<String, Object> body = new HashMap<>();
        body.put("sample_context", "{}");
        body.put("context_template", "ctx " + application);
        body.put("summary_template", "summary");
        body.put("mobile_template", "mobile");
        body.put("variables", List.of());
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value)
    {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String key)
    {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(key);
        return copy;
    }

    static String title(IrisTestClient.Response response)
    {
        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        return response.json().get("title").asText();
    }
}
