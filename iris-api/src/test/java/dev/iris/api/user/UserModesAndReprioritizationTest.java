package dev.iris.api.user;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class UserModesAndReprioritizationTest
{
    private static final String ALL_DEFAULT = "{\"urgent\":\"default\",\"high\":\"default\",\"medium\":\"default\",\"low\":\"default\"}";

    private static TestingIrisApi api;
    private static IrisTestClient trusted;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            seed.application("shop", "shop-key", false, List.of());
            seed.application("bank", "bank-key", false, List.of());
            seed.user("alice", false, Map.of());
            seed.user("carol", false, Map.of());
            seed.user("dave", false, Map.of());
            seed.user("erin", false, Map.of());
        });
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void globalModes()
    {
        IrisTestClient alice = trusted.as("alice");
        assertThat(alice.get("/v0/users/modes/alice").body()).isEqualTo(ALL_DEFAULT);
        IrisTestClient.Response set = alice.post("/v0/users/modes/alice", Map.of("urgent", "sms", "low", "slack"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"urgent\":\"sms\",\"high\":\"default\",\"medium\":\"default\",\"low\":\"slack\"}");
        IrisTestClient.Response reset = alice.post("/v0/users/modes/alice", Map.of("urgent", "default"));
        assertThat(reset.body()).isEqualTo("{\"urgent\":\"default\",\"high\":\"default\",\"medium\":\"default\",\"low\":\"slack\"}");
        assertThat(alice.get("/v0/users/modes/alice").body()).isEqualTo(reset.body());
        assertThat(alice.get("/v0/users/modes/alice?application=shop").body()).isEqualTo(ALL_DEFAULT);
    }

    @Test
    void oneApplicationsModes()
    {
        IrisTestClient carol = trusted.as("carol");
        IrisTestClient.Response set = carol.post("/v0/users/modes/carol", Map.of("application", "shop", "high", "call"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"urgent\":\"default\",\"high\":\"call\",\"medium\":\"default\",\"low\":\"default\"}");
        assertThat(carol.get("/v0/users/modes/carol?application=shop").body()).isEqualTo(set.body());
        assertThat(carol.get("/v0/users/modes/carol").body()).isEqualTo(ALL_DEFAULT);
        assertThat(carol.post("/v0/users/modes/carol", Map.of("application", "shop", "high", "default")).body()).isEqualTo(ALL_DEFAULT);

        assertThat(UserResourceTest.title(carol.post("/v0/users/modes/carol", Map.of("application", "nope", "high", "call"))))
                .isEqualTo("Application nope not found");
        assertThat(UserResourceTest.title(carol.get("/v0/users/modes/carol?application=nope"))).isEqualTo("Application nope not found");
    }

    @Test
    void manyApplicationsAndGlobalInOneTransaction()
    {
        IrisTestClient dave = trusted.as("dave");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("per_app_modes", Map.of("shop", Map.of("urgent", "call"), "bank", Map.of("low", "email")));
        body.put("medium", "slack");
        body.put("not-a-priority", "ignored");
        IrisTestClient.Response set = dave.post("/v0/users/modes/dave", body);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"urgent\":\"default\",\"high\":\"default\",\"medium\":\"slack\",\"low\":\"default\"}");
        assertThat(dave.get("/v0/users/dave").json().get("per_app_modes").toString())
                .isEqualTo("{\"bank\":{\"low\":\"email\"},\"shop\":{\"urgent\":\"call\"}}");

        Map<String, Object> failing = new LinkedHashMap<>();
        failing.put("per_app_modes", Map.of("shop", Map.of("urgent", "default"), "nope", Map.of("low", "email")));
        failing.put("medium", "default");
        assertThat(dave.post("/v0/users/modes/dave", failing).status()).isEqualTo(400);
        // Nothing of the failed request was applied.
        assertThat(dave.get("/v0/users/modes/dave").body()).isEqualTo(set.body());
        assertThat(dave.get("/v0/users/modes/dave?application=shop").body()).contains("\"urgent\":\"call\"");
    }

    @Test
    void modeErrors()
    {
        IrisTestClient erin = trusted.as("erin");
        assertThat(UserResourceTest.title(erin.post("/v0/users/modes/erin", Map.of("urgent", "pager")))).isEqualTo("Invalid mode");
        assertThat(UserResourceTest.title(erin.post("/v0/users/modes/erin", Map.of("someday", "sms")))).isEqualTo("Invalid priority");
        assertThat(UserResourceTest.title(erin.post("/v0/users/modes/erin", Map.of("urgent", 5)))).isEqualTo("Invalid mode");
        assertThat(UserResourceTest.title(erin.post("/v0/users/modes/erin", "[1]"))).isEqualTo("Invalid json in post body");
        assertThat(UserResourceTest.title(erin.post("/v0/users/modes/erin", Map.of("per_app_modes", "shop")))).isEqualTo("Invalid per_app_modes");
        assertThat(erin.get("/v0/users/modes/erin").body()).isEqualTo(ALL_DEFAULT);
    }

    @Test
    void reprioritizationRules()
    {
        IrisTestClient alice = trusted.as("alice");
        assertThat(alice.get("/v0/users/reprioritization/alice").body()).isEqualTo("[]");
        IrisTestClient.Response set = alice.post("/v0/users/reprioritization/alice", rule("sms", "email", 3, 300));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("[]");
        assertThat(alice.post("/v0/users/reprioritization/alice", rule("call", "sms", "2", "60")).status()).isEqualTo(200);
        // An upsert keyed on the source mode.
        assertThat(alice.post("/v0/users/reprioritization/alice", rule("sms", "slack", 5, 600)).status()).isEqualTo(200);
        assertThat(alice.get("/v0/users/reprioritization/alice").body()).isEqualTo(
                "[{\"target\":\"alice\",\"src_mode\":\"call\",\"dst_mode\":\"sms\",\"count\":2,\"duration\":60},"
                        + "{\"target\":\"alice\",\"src_mode\":\"sms\",\"dst_mode\":\"slack\",\"count\":5,\"duration\":600}]");

        IrisTestClient.Response deleted = alice.delete("/v0/users/reprioritization/alice/sms");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("[]");
        assertThat(alice.get("/v0/users/reprioritization/alice").json()).hasSize(1);
        assertThat(alice.delete("/v0/users/reprioritization/alice/sms").status()).isEqualTo(404);
        assertThat(alice.delete("/v0/users/reprioritization/alice/pager").status()).isEqualTo(404);
    }

    @Test
    void reprioritizationErrors()
    {
        IrisTestClient carol = trusted.as("carol");
        Map<String, Object> missing = rule("sms", "email", 3, 300);
        missing.remove("count");
        assertError(carol.post("/v0/users/reprioritization/carol", missing), "Missing argument", "missing arg: count");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", 3, "soon")), "Invalid duration", "duration must be an integer");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", 3, 59)), "Invalid duration", "duration must be greater than 1 minute");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", 3, 3601)), "Invalid duration", "duration must be at most 3600 seconds");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", "x", 300)), "Invalid count", "count must be an integer");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", 0, 300)), "Invalid count", "count must be greater than 0");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "email", 256, 300)), "Invalid count", "count must be under 255");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("pager", "email", 3, 300)), "Invalid source mode.", "Invalid source mode.");
        assertError(carol.post("/v0/users/reprioritization/carol", rule("sms", "pager", 3, 300)), "Invalid destination mode.", "Invalid destination mode.");
        assertThat(carol.get("/v0/users/reprioritization/carol").body()).isEqualTo("[]");
    }

    private static Map<String, Object> rule(String source, String destination, Object count, Object duration)
    {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("src_mode", source);
        rule.put("dst_mode", destination);
        rule.put("count", count);
        rule.put("duration", duration);
        return rule;
    }

    private static void assertError(IrisTestClient.Response response, String title, String description)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo(title);
        assertThat(response.json().get("description").asText()).isEqualTo(description);
    }
}
