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

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v0/plans/{name}/simulate}: who each of Iris's own roles reaches, and what is left to
 * role-lookup plugins.
 */
final class PlanSimulationResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long carol = seed.user("carol", false, Map.of("email", "carol@example.com"));
            long gone = seed.user("gone", false, Map.of("email", "gone@example.com"));
            long dave = seed.user("dave", false, Map.of("email", "dave@example.com"));
            long ops = seed.team("ops", List.of(bob, alice, gone));
            long list = seed.mailingList("ops-list", List.of(dave, gone));
            seed.template("page", owner, application, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("roles", owner, "every database role", List.of(
                    Notification.of(1, "user", alice, "high", "page", 0, 60),
                    Notification.of(2, "team", ops, "high", "page", 0, 60),
                    Notification.of(3, "manager", ops, "high", "page", 0, 60),
                    Notification.of(4, "mailing-list", list, "high", "page", 0, 60),
                    Notification.of(5, "oncall-primary", ops, "high", "page", 0, 60)), 0, 0, 0, 0);
            api.jdbi().useHandle(handle -> {
                handle.execute("UPDATE team SET manager_id = ? WHERE target_id = ?", carol, ops);
                // An inactive user stays in the team and the list but is never paged.
                handle.execute("UPDATE target SET active = 0 WHERE id = ?", gone);
            });
        });
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void databaseRolesExpandToTheirActiveUsers()
    {
        Response response = app.post("/v0/plans/roles/simulate", "{\"start\": 1800000000}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> reached = new ArrayList<>();
        for (JsonNode page : response.json().get("pages")) {
            reached.add(page.get("step").asInt() + " " + page.get("role").asText() + " " + page.get("user").asText());
        }
        assertThat(reached).containsExactly(
                "1 user alice",
                "2 team alice",
                "2 team bob",
                "3 manager carol",
                "4 mailing-list dave",
                // No lookup in the chain (the database alone by default) knows on-call roles: the creator is paged, as the sender would.
                "5 oncall-primary owner");
    }

    @Test
    void rolesNoLookupKnowsAreNamedInANote()
    {
        Response response = app.post("/v0/plans/roles/simulate", "{}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("notes").toString())
                .contains("Step 5: oncall-primary of ops: no role lookup knows oncall-primary ops");
    }

    @Test
    void unknownPlanIsNotFound()
    {
        assertError(app.post("/v0/plans/no-such-plan/simulate", "{}"), 404, "Plan not found");
    }
}
