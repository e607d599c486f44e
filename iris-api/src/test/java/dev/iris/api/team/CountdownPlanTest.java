package dev.iris.api.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.api.ui.PlanYaml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Countdown notifications through the API: in plans (stored, shown, refused where they cannot
 * work, kept by the YAML export), the team channels they post to ({@code /v0/teams/{team}/channels})
 * and the plan simulation that shows them.
 */
final class CountdownPlanTest
{
    private static TestingIrisApi api;
    private static IrisTestClient alice;
    private static IrisTestClient bob;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            seed.application("trusted", "trusted-key", true, List.of("title"));
            long aliceId = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of("email", "bob@example.com"));
            seed.user("carol", false, Map.of("email", "carol@example.com"));
            seed.team("db", List.of(aliceId));
            seed.team("web", List.of(aliceId));
            seed.template("tmpl", aliceId, application, List.of("email", "mattermost"), "subject", "body");
        });
        alice = trustedClient(api).as("alice");
        bob = trustedClient(api).as("bob");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, Object> notification(String role, String target, int wait)
    {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("role", role);
        notification.put("target", target);
        notification.put("priority", "high");
        notification.put("wait", wait);
        notification.put("repeat", 0);
        notification.put("template", "tmpl");
        return notification;
    }

    private static Map<String, Object> countdown(String team, int wait)
    {
        Map<String, Object> notification = notification("team", team, wait);
        notification.put("countdown", true);
        return notification;
    }

    private static Map<String, Object> plan(String name, List<List<Map<String, Object>>> steps)
    {
        return new LinkedHashMap<>(Map.of("creator", "alice", "name", name, "description", "", "steps", steps));
    }

    @Test
    void aCountdownIsStoredAndShownOnlyWhereItIsOn()
    {
        Response created = alice.post("/v0/plans", plan("with-countdown", List.of(List.of(countdown("db", 300)), List.of(notification("user", "carol", 60)))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode steps = api.anonymous().get("/v0/plans/" + created.body()).json().path("steps");
        assertThat(steps.path(0).path(0).path("countdown").asInt()).isEqualTo(1);
        // Every other notification keeps Iris's exact shape.
        assertThat(steps.path(1).path(0).has("countdown")).isFalse();

        String yaml = new PlanYaml().export(api.anonymous().get("/v0/plans/" + created.body()).json());
        assertThat(yaml).contains("countdown: 1");
        assertThat(new PlanYaml().toRequest(yaml, "alice").path("steps").path(0).path(0).path("countdown").asInt()).isEqualTo(1);
    }

    @Test
    void aCountdownNeedsATeam()
    {
        Map<String, Object> toAUser = notification("user", "carol", 60);
        toAUser.put("countdown", 1);
        assertError(alice.post("/v0/plans", plan("countdown-to-user", List.of(List.of(toAUser)))), 400, "Invalid plan",
                "Step 1, notification 1: a countdown notification needs role team (it posts to the team's chat channel)");
        Map<String, Object> garbled = countdown("db", 60);
        garbled.put("countdown", "soon");
        assertError(alice.post("/v0/plans", plan("countdown-garbled", List.of(List.of(garbled)))), 400, "Invalid plan",
                "Step 1, notification 1: countdown must be true or false");
    }

    @Test
    void teamChannelsAreSetByTheTeamAndReadByAnyone()
    {
        Response set = alice.put("/v0/teams/web/channels", Map.of("mattermost", "~web-oncall", "telegram", "-1001234567890"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        JsonNode read = api.anonymous().get("/v0/teams/web/channels").json();
        assertThat(read).isEqualTo(set.json());
        assertThat(read.path("mattermost").asText()).isEqualTo("~web-oncall");
        assertThat(read.path("telegram").asText()).isEqualTo("-1001234567890");

        // A PUT replaces them all.
        assertThat(alice.put("/v0/teams/web/channels", Map.of("telegram", "-42")).json().toString()).isEqualTo("{\"telegram\":\"-42\"}");

        assertError(bob.put("/v0/teams/web/channels", Map.of("telegram", "-7")), 401, "Only members of web and admins may change its schedule");
        assertError(alice.put("/v0/teams/web/channels", Map.of("sms", "+15550001")), 400, "Invalid channel");
        assertError(alice.put("/v0/teams/web/channels", Map.of("mattermost", "web-oncall")), 400, "Invalid channel",
                "The mattermost channel must be a channel name after '~', such as ~db-oncall");
        assertError(api.anonymous().get("/v0/teams/no-such-team/channels"), 404, "Not Found");
        assertThat(api.anonymous().get("/v0/teams/web/channels").json().toString()).as("refused changes change nothing").isEqualTo("{\"telegram\":\"-42\"}");
    }

    @Test
    void theSimulationShowsThePostInTheChannelAndWhenTheNextStepPages()
    {
        assertThat(alice.put("/v0/teams/db/channels", Map.of("mattermost", "~db-oncall")).status()).isEqualTo(200);
        assertThat(alice.post("/v0/plans", plan("simulated-countdown",
                List.of(List.of(countdown("db", 300)), List.of(notification("user", "carol", 60))))).status()).isEqualTo(201);

        JsonNode simulation = api.client("app", "app-key").post("/v0/plans/simulated-countdown/simulate", "{\"start\": 1800000000}").json();

        JsonNode post = simulation.path("pages").path(0);
        assertThat(post.path("offset_seconds").asLong()).isZero();
        assertThat(post.path("user").isNull()).isTrue();
        assertThat(post.path("mode").asText()).isEqualTo("mattermost");
        assertThat(post.path("destination").asText()).isEqualTo("~db-oncall");
        assertThat(post.path("note").asText()).isEqualTo("countdown: step 2 pages at +300s unless someone claims in the channel first");
        JsonNode next = simulation.path("pages").path(1);
        assertThat(next.path("user").asText()).isEqualTo("carol");
        assertThat(next.path("offset_seconds").asLong()).isEqualTo(300);
    }

    @Test
    void theSimulationSaysWhenTheTeamHasNoChannel()
    {
        assertThat(alice.post("/v0/plans", plan("no-channel-countdown", List.of(List.of(countdown("web", 120))))).status()).isEqualTo(201);
        assertThat(alice.put("/v0/teams/web/channels", Map.of()).status()).isEqualTo(200);

        JsonNode simulation = api.client("app", "app-key").post("/v0/plans/no-channel-countdown/simulate", "{}").json();

        assertThat(simulation.path("pages").path(0).path("user").asText()).isEqualTo("alice");
        assertThat(simulation.path("notes").toString()).contains("web has no chat channel (set one at /v0/teams/web/channels)");
    }
}
