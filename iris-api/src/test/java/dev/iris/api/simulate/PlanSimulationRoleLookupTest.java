package dev.iris.api.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulation expands on-call roles through the configured role-lookup chain, the one the
 * sender pages through: a lookup that knows who is on call answers, the database answers Iris's
 * own roles after it.
 */
final class PlanSimulationRoleLookupTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.startWithConfig("iris-api-oncall-test.yaml");
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long ops = seed.team("ops", List.of(alice, bob));
            seed.template("page", owner, application, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("on-call", owner, "the on-call first, then the team", List.of(
                    Notification.of(1, "oncall-primary", ops, "high", "page", 0, 300),
                    Notification.of(2, "team", ops, "high", "page", 0, 300)), 0, 0, 0, 0);
        });
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void onCallRolesExpandThroughTheChain()
    {
        Response response = app.post("/v0/plans/on-call/simulate", "{\"start\": 1800000000}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> reached = new ArrayList<>();
        for (JsonNode page : response.json().get("pages")) {
            reached.add(page.get("step").asInt() + " " + page.get("role").asText() + " " + page.get("user").asText() + " +" + page.get("offset_seconds").asLong());
        }
        assertThat(reached).containsExactly("1 oncall-primary bob +0", "2 team alice +300", "2 team bob +300");
    }
}
