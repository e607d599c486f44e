package dev.iris.api.application;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.badRequestTitle;
import static dev.iris.api.testing.ApiFixtures.ownerAdminAndOther;
import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class ApplicationKeysAndQuotaTest
{
    private static TestingIrisApi api;
    private static IrisTestClient trusted;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            long owner = ownerAdminAndOther(seed, Map.of());
            long app = seed.application("shop", "shop-key", false, List.of());
            seed.owner(app, owner);
            seed.owner(seed.application("rotating", "rotating-key", false, List.of()), owner);
            seed.template("page", owner, app, List.of("email"), "subject", "body");
            seed.plan("quota-plan", owner, "", List.of(SeedWriter.Notification.of(1, "user", owner, "high", "page", 0, 60)), 0, 0, 0, 0);
            seed.team("ops", List.of(owner));
        });
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void ownerAndAdminSeeTheKey()
    {
        IrisTestClient.Response byOwner = trusted.as("owner").get("/v0/applications/shop/key");
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.json().get("key").asText()).isEqualTo("shop-key");
        assertThat(trusted.as("admin").get("/v0/applications/shop/key").json().get("key").asText()).isEqualTo("shop-key");
    }

    @Test
    void othersDoNotSeeTheKey()
    {
        IrisTestClient.Response noUser = trusted.get("/v0/applications/shop/key");
        assertThat(noUser.status()).isEqualTo(401);
        assertThat(noUser.json().get("title").asText()).isEqualTo("You must be a logged in user to view this app's key");
        assertThat(noUser.body()).doesNotContain("shop-key");
        IrisTestClient.Response byOther = trusted.as("other").get("/v0/applications/shop/key");
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.json().get("title").asText()).isEqualTo("You don't have permissions to view this app's key.");
        assertThat(byOther.body()).doesNotContain("shop-key");
        assertThat(api.anonymous().get("/v0/applications/shop/key").status()).isEqualTo(401);
        assertThat(api.client("shop", "shop-key").get("/v0/applications/shop/key").status()).isEqualTo(401);
        assertThat(trusted.as("other").get("/v0/applications/shop/secondary").status()).isEqualTo(403);
        assertThat(trusted.as("other").post("/v0/applications/shop/secondary", "").status()).isEqualTo(403);
        assertThat(trusted.as("other").post("/v0/applications/shop/rekey", "").status()).isEqualTo(403);
        assertThat(trusted.post("/v0/applications/shop/rekey", "").json().get("title").asText())
                .isEqualTo("You must be a logged in user to re-key this app");
        assertThat(trusted.post("/v0/applications/shop/secondary", "").json().get("title").asText())
                .isEqualTo("You must be a logged in user to app");
        assertThat(trusted.as("admin").get("/v0/applications/missing/key").json().get("title").asText())
                .isEqualTo("Key for this application not found");
    }

    @Test
    void keyRotationThroughTheSecondaryKey()
    {
        IrisTestClient owner = trusted.as("owner");
        assertThat(owner.get("/v0/applications/rotating/secondary").body()).isEqualTo("{\"key\":null}");
        IrisTestClient.Response rekeyTooSoon = owner.post("/v0/applications/rotating/rekey", "");
        assertThat(rekeyTooSoon.status()).isEqualTo(400);
        assertThat(rekeyTooSoon.json().get("title").asText()).isEqualTo("Re-key failed; secondary key does not exist or invalid app name");

        IrisTestClient.Response created = owner.post("/v0/applications/rotating/secondary", "");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("[]");
        String secondary = owner.get("/v0/applications/rotating/secondary").json().get("key").asText();
        assertThat(secondary).matches("[0-9a-f]{64}");
        IrisTestClient.Response again = owner.post("/v0/applications/rotating/secondary", "");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("title").asText()).isEqualTo("Secondary key already exists, or app name incorrect");

        // Clients signing with the new key already work.
        assertThat(api.client("rotating", secondary).get("/v0/modes").status()).isEqualTo(200);

        // The old key still works until the rotation, and stops at once with it: the node that
        // rotates forgets what it cached about the application.
        assertThat(api.client("rotating", "rotating-key").get("/v0/modes").status()).isEqualTo(200);
        assertThat(owner.post("/v0/applications/rotating/rekey", "").status()).isEqualTo(200);
        assertThat(owner.get("/v0/applications/rotating/key").json().get("key").asText()).isEqualTo(secondary);
        assertThat(owner.get("/v0/applications/rotating/secondary").json().get("key").isNull()).isTrue();
        assertThat(api.client("rotating", "rotating-key").get("/v0/modes").status()).isEqualTo(401);
        assertThat(api.client("rotating", secondary).get("/v0/modes").status()).isEqualTo(200);
    }

    @Test
    void quotaLifecycle()
    {
        assertThat(api.anonymous().get("/v0/applications/shop/quota").body()).isEqualTo("{}");

        IrisTestClient.Response created = trusted.as("owner").post("/v0/applications/shop/quota", quota());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("[]");

        JsonNode quota = api.anonymous().get("/v0/applications/shop/quota").json();
        assertThat(quota.toString()).isEqualTo("{\"application\":\"shop\",\"hard_quota_threshold\":100,\"soft_quota_threshold\":50,"
                + "\"hard_quota_duration\":600,\"soft_quota_duration\":300,\"target_name\":\"ops\",\"target_role\":\"team\","
                + "\"plan_name\":\"quota-plan\",\"wait_time\":3600}");

        Map<String, Object> changed = new HashMap<>(quota());
        changed.put("hard_quota_threshold", "200");
        changed.put("target_name", "owner");
        assertThat(trusted.as("admin").post("/v0/applications/shop/quota", changed).status()).isEqualTo(201);
        JsonNode after = api.anonymous().get("/v0/applications/shop/quota").json();
        assertThat(after.get("hard_quota_threshold").asInt()).isEqualTo(200);
        assertThat(after.get("target_role").asText()).isEqualTo("user");

        IrisTestClient.Response deleted = trusted.as("owner").delete("/v0/applications/shop/quota");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.anonymous().get("/v0/applications/shop/quota").body()).isEqualTo("{}");
    }

    @Test
    void quotaRules()
    {
        IrisTestClient owner = trusted.as("owner");
        Map<String, Object> extra = new HashMap<>(quota());
        extra.put("color", "red");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", extra))).isEqualTo("Missing required keys in post body");
        Map<String, Object> missing = new HashMap<>(quota());
        missing.remove("wait_time");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", missing))).isEqualTo("Missing required keys in post body");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", changed("soft_quota_duration", 0)))).isEqualTo("All int keys must be over 0");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", changed("wait_time", "soon")))).isEqualTo("Some int keys are not integers");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", changed("soft_quota_threshold", 100))))
                .isEqualTo("Hard threshold must be bigger than soft threshold");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", changed("plan_name", "nope")))).isEqualTo("No active ID found for that plan");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", changed("target_name", "nobody")))).isEqualTo("No ID found for that target");
        assertThat(badRequestTitle(owner.post("/v0/applications/nothing/quota", quota()))).isEqualTo("No ID found for that application");
        assertThat(badRequestTitle(owner.post("/v0/applications/shop/quota", "{"))).isEqualTo("Invalid json in post body");

        IrisTestClient.Response byOther = trusted.as("other").post("/v0/applications/shop/quota", quota());
        assertThat(byOther.status()).isEqualTo(401);
        assertThat(byOther.json().get("title").asText()).isEqualTo("You don't have permissions to update this app's quota.");
        assertThat(trusted.post("/v0/applications/shop/quota", quota()).status()).isEqualTo(401);
        assertThat(trusted.as("other").delete("/v0/applications/shop/quota").status()).isEqualTo(401);
        assertThat(api.anonymous().delete("/v0/applications/shop/quota").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/v0/applications/shop/quota").body()).isEqualTo("{}");
    }

    private static Map<String, Object> quota()
    {
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("hard_quota_threshold", 100);
        quota.put("soft_quota_threshold", 50);
        quota.put("hard_quota_duration", 600);
        quota.put("soft_quota_duration", 300);
        quota.put("plan_name", "quota-plan");
        quota.put("wait_time", 3600);
        quota.put("target_name", "ops");
        return quota;
    }

    private static Map<String, Object> changed(String key, Object value)
    {
        Map<String, Object> quota = quota();
        quota.put(key, value);
        return quota;
    }
}
