package dev.iris.api.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.target.TargetService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class TargetAndReferenceDataTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            seed.application("app", "app-key", false, List.of());
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15550001"));
            long albert = seed.user("albert", false, Map.of());
            long bob = seed.user("bob", false, Map.of());
            long gone = seed.user("al_gone", false, Map.of());
            long ops = seed.team("ops", List.of(alice, bob, gone));
            seed.mailingList("all-staff", List.of(alice, albert));
            seed.target("alpha", "team");
        });
        api.jdbi().useHandle(handle -> {
            handle.execute("UPDATE target SET active = 0 WHERE name = 'al_gone'");
            handle.execute("UPDATE team t JOIN target m ON m.name = 'bob' JOIN target tt ON tt.id = t.target_id AND tt.name = 'ops' SET t.manager_id = m.id");
        });
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void targetNames()
    {
        assertThat(strings(app.get("/v0/targets"))).containsExactly("al_gone", "albert", "alice", "all-staff", "alpha", "bob", "ops");
        assertThat(strings(app.get("/v0/targets?startswith=al"))).containsExactly("al_gone", "albert", "alice", "all-staff", "alpha");
        // LIKE wildcards in the prefix are taken literally.
        assertThat(strings(app.get("/v0/targets?startswith=al_"))).containsExactly("al_gone");
        assertThat(api.anonymous().get("/v0/targets").status()).isEqualTo(401);
    }

    @Test
    void targetNamesByType()
    {
        assertThat(strings(app.get("/v0/targets/user"))).containsExactly("al_gone", "albert", "alice", "bob");
        assertThat(strings(app.get("/v0/targets/team"))).containsExactly("alpha", "ops");
        assertThat(strings(app.get("/v0/targets/mailing-list"))).containsExactly("all-staff");
        assertThat(strings(app.get("/v0/targets/user?startswith=al&active=1"))).containsExactly("albert", "alice");
        assertThat(strings(app.get("/v0/targets/user?active=false"))).containsExactly("al_gone");
        assertThat(strings(app.get("/v0/targets/user?name=bob"))).containsExactly("bob");
        // Signed over the raw query string, commas included, as Iris clients sign it.
        assertThat(strings(app.get("/v0/targets/user?name__in=bob,alice,ops"))).containsExactly("alice", "bob");
        IrisTestClient.Response unknown = app.get("/v0/targets/robot");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("title").asText()).isEqualTo("Target type robot not found");
        assertThat(app.get("/v0/targets/user?active=maybe").status()).isEqualTo(400);
    }

    @Test
    void targetExistsForAnyType()
    {
        assertThat(app.get("/v0/targets/ops/exists").body()).isEqualTo("{\"exists\":true}");
        assertThat(app.get("/v0/targets/alice/exists").body()).isEqualTo("{\"exists\":true}");
        assertThat(app.get("/v0/targets/nobody/exists").body()).isEqualTo("{\"exists\":false}");
        assertThat(api.anonymous().get("/v0/targets/ops/exists").status()).isEqualTo(401);
    }

    @Test
    void targetRolesArePublic()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/target_roles");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get(0).toString()).isEqualTo("{\"name\":\"user\",\"type\":\"user\"}");
        List<String> pairs = new ArrayList<>();
        response.json().forEach(role -> pairs.add(role.get("name").asText() + "/" + role.get("type").asText()));
        assertThat(pairs).contains("team/team", "manager/team", "oncall-primary/team", "mailing-list/mailing-list");
    }

    @Test
    void modesNeverShowDrop()
    {
        assertThat(strings(app.get("/v0/modes"))).containsExactly("call", "email", "slack", "sms", "webhook", "ntfy", "telegram", "mattermost", "teams");
        assertThat(api.anonymous().get("/v0/modes").status()).isEqualTo(401);
    }

    @Test
    void prioritiesWithDefaultModes()
    {
        IrisTestClient.Response response = app.get("/v0/priorities");
        assertThat(response.json().toString()).isEqualTo("[{\"name\":\"urgent\",\"default_mode\":\"call\"},{\"name\":\"high\",\"default_mode\":\"sms\"},"
                + "{\"name\":\"medium\",\"default_mode\":\"email\"},{\"name\":\"low\",\"default_mode\":\"email\"}]");
        assertThat(api.anonymous().get("/v0/priorities").status()).isEqualTo(401);
    }

    @Test
    void timezonesComeFromTheConfiguration()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/timezones");
        assertThat(response.status()).isEqualTo(200);
        assertThat(strings(response)).contains("UTC", "US/Pacific", "Asia/Kolkata");
    }

    @Test
    void serviceLooksUpUsersTeamsListsAndContacts()
    {
        TargetService targets = api.instance(TargetService.class);
        long aliceId = targets.findUser("alice").orElseThrow().id();
        assertThat(targets.findUserByNameOrId(String.valueOf(aliceId)).orElseThrow().name()).isEqualTo("alice");
        assertThat(targets.findActiveUser("al_gone")).isEmpty();
        assertThat(targets.findUser("al_gone").orElseThrow().active()).isFalse();
        assertThat(targets.findUser("ops")).isEmpty();
        assertThat(targets.activeUserNames()).containsExactly("albert", "alice", "bob");
        assertThat(targets.activeTeamMembers("ops")).containsExactly("alice", "bob");
        assertThat(targets.activeTeamManager("ops")).contains("bob");
        assertThat(targets.activeTeamManager("alpha")).isEmpty();
        assertThat(targets.activeMailingListMembers("all-staff")).containsExactly("albert", "alice");
        assertThat(targets.contacts(aliceId)).isEqualTo(Map.of("email", "alice@example.com", "sms", "+15550001"));
    }

    private static List<String> strings(IrisTestClient.Response response)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        for (JsonNode node : response.json()) {
            values.add(node.asText());
        }
        return values;
    }
}
