package dev.iris.api.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class IncidentResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;
    private static IrisTestClient trusted;
    private static long aliceId;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title", "nodes"));
            seed.application("other", "other-key", false, List.of("title"));
            seed.application("iris", "iris-key", false, List.of());
            trustedApplication(seed);
            aliceId = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of());
            long carol = seed.user("carol", false, Map.of());
            long team = seed.team("team-a", List.of(aliceId));
            seed.template("tmpl", aliceId, application, List.of("email"), "subject", "body");
            seed.plan("plan-a", aliceId, "plan", List.of(Notification.of(1, "user", aliceId, "high", "tmpl", 0, 60)), 900, 10, 300, 300);
            seed.plan("plan-team", aliceId, "plan", List.of(Notification.of(1, "team", team, "high", "tmpl", 0, 60)), 900, 10, 300, 300);
            seed.target("carol", "user");
            long evolving = seed.application("evolving", "evolving-key", false, List.of("title"));
            seed.owner(evolving, aliceId);
            seed.template("tmpl-evolving", aliceId, evolving, List.of("email"), "subject", "body");
            seed.plan("plan-evolving", aliceId, "plan", List.of(Notification.of(1, "user", aliceId, "high", "tmpl-evolving", 0, 60)), 900, 10, 300, 300);
            assertThat(carol).isPositive();
        });
        api.jdbi().useHandle(handle -> {
            handle.execute("UPDATE application SET allow_other_app_incidents = 1 WHERE name = 'iris'");
            handle.execute("UPDATE target SET active = 0 WHERE name = 'carol'");
        });
        app = api.client("app", "app-key");
        trusted = trustedClient(api).as("alice");
        Response dynamic = trusted.post("/v0/plans", Map.of("name", "dyn-plan", "creator", "alice", "steps", List.of(
                List.of(Map.of("dynamic_index", 0, "priority", "low", "wait", 0, "repeat", 0, "template", "tmpl")),
                List.of(Map.of("dynamic_index", 1, "priority", "low", "wait", 0, "repeat", 0, "template", "tmpl")))));
        assertThat(dynamic.status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static long createIncident(IrisTestClient client, Map<String, Object> body)
    {
        Response response = client.post("/v0/incidents", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    private static long createIncident()
    {
        return createIncident(app, Map.of("plan", "plan-a", "context", Map.of("title", "disk full")));
    }

    private static long count(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static long insertMessage(long incidentId, String status, boolean sent)
    {
        return api.jdbi().withHandle(handle -> handle.createUpdate("""
                        INSERT INTO message (created, sent, application_id, target_id, mode_id, priority_id, incident_id, plan_id,
                                             plan_notification_id, `round`, active, `status`, next_attempt_at)
                        SELECT NOW(3), IF(:sent, NOW(3), NULL), i.application_id, :target, 2, 2, i.id, i.plan_id,
                               (SELECT MIN(id) FROM plan_notification WHERE plan_id = i.plan_id), :round, :active, :status, NOW(3)
                        FROM incident i WHERE i.id = :incident""")
                .bind("sent", sent).bind("target", aliceId).bind("incident", incidentId).bind("status", status)
                .bind("active", status.equals("queued") || status.equals("sending"))
                .bind("round", (int) count("SELECT COUNT(*) FROM message WHERE incident_id = ?", incidentId))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    void createWritesIncidentWorkAndEventAndKeepsOnlyDeclaredVariables()
    {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("title", "disk full");
        context.put("nodes", List.of(Map.of("device", "abc2-efg01", "type", "BFD")));
        context.put("undeclared", "dropped");
        Response response = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", context));
        assertThat(response.status()).isEqualTo(201);
        long id = Long.parseLong(response.body());
        assertThat(response.header("Location")).isEqualTo("/incidents/" + id);

        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND active = 1 AND current_step = 0 AND owner_id IS NULL", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ? AND due_at <= NOW(3)", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'created'", id)).isEqualTo(1);

        JsonNode incident = api.anonymous().get("/v0/incidents/" + id).json();
        assertThat(incident.get("id").asLong()).isEqualTo(id);
        assertThat(incident.get("plan").asText()).isEqualTo("plan-a");
        assertThat(incident.get("application").asText()).isEqualTo("app");
        assertThat(incident.get("active").asInt()).isEqualTo(1);
        assertThat(incident.get("resolved").asInt()).isEqualTo(0);
        assertThat(incident.get("current_step").asInt()).isEqualTo(0);
        assertThat(incident.get("owner").isNull()).isTrue();
        assertThat(incident.get("created").isIntegralNumber()).isTrue();
        assertThat(incident.get("context").get("title").asText()).isEqualTo("disk full");
        assertThat(incident.get("context").get("nodes").get(0).get("device").asText()).isEqualTo("abc2-efg01");
        assertThat(incident.get("context").has("undeclared")).isFalse();
        assertThat(incident.get("steps")).isEmpty();
        assertThat(incident.get("comments")).isEmpty();

        long missingVariables = createIncident(app, Map.of("plan", "plan-a", "context", Map.of()));
        JsonNode stored = api.anonymous().get("/v0/incidents/" + missingVariables).json().get("context");
        assertThat(stored.get("title").isNull()).isTrue();
        assertThat(stored.get("nodes").isNull()).isTrue();
    }

    /**
     * The trigger takes the variables from the node's application cache: a change through the API
     * applies to the very next trigger.
     */
    @Test
    void changedVariablesApplyToTheNextTrigger()
    {
        IrisTestClient evolving = api.client("evolving", "evolving-key");
        Map<String, Object> body = Map.of("plan", "plan-evolving", "context", Map.of("title", "disk full", "service", "db"));
        assertThat(storedContext(createIncident(evolving, body))).isEqualTo("{\"title\":\"disk full\"}");

        Response changed = trusted.put("/v0/applications/evolving", Map.of(
                "sample_context", "{}",
                "context_template", "ctx",
                "summary_template", "summary",
                "mobile_template", "mobile",
                "variables", List.of("title", "service")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(storedContext(createIncident(evolving, body))).isEqualTo("{\"title\":\"disk full\",\"service\":\"db\"}");

        Response removed = trusted.put("/v0/applications/evolving", Map.of(
                "sample_context", "{}",
                "context_template", "ctx",
                "summary_template", "summary",
                "mobile_template", "mobile",
                "variables", List.of("service")));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(storedContext(createIncident(evolving, body))).isEqualTo("{\"service\":\"db\"}");
    }

    private static String storedContext(long incidentId)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("SELECT context FROM incident WHERE id = :id").bind("id", incidentId)
                .mapTo(String.class).one());
    }

    @Test
    void createRejectsWhatIrisRejects()
    {
        assertError(app.post("/v0/incidents", Map.of("context", Map.of())), 400, "missing plan name attribute");
        assertThat(app.post("/v0/incidents", Map.of("plan", "foo-123-xyz-adskhpb", "context", Map.of())).status()).isEqualTo(404);
        assertError(app.post("/v0/incidents", Map.of("plan", "plan-a", "context", "text")), 400, "Invalid incident");
        assertError(api.client("other", "other-key").post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of())),
                400, "No plan template actions exist for this app");
        assertError(app.post("/v0/incidents", "not json"), 400, "Invalid JSON");
        assertThat(api.anonymous().post("/v0/incidents", Map.of("plan", "plan-a")).status()).isEqualTo(401);

    }

    /**
     * Iris measures the stored context as ujson writes it (ASCII only, "/" escaped) and puts the
     * whole sentence in the title, without a description; its e2e suite checks the title.
     */
    @Test
    void oversizedContextIsRefusedWithIrisTitle()
    {
        // The stored context keeps the declared variables only: {"title":null,"nodes":[...]}.
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("device", "abc2-efg01.nw.example.com".repeat(10_000));
        node.put("type", "BFD");
        String storedJson = "{\"title\":null,\"nodes\":[{\"device\":\"" + "abc2-efg01.nw.example.com".repeat(10_000) + "\",\"type\":\"BFD\"}]}";
        Response tooLarge = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("nodes", List.of(node), "undeclared", "y".repeat(100))));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).isEqualTo("{\"title\":\"Context too large. " + storedJson.length() + " is larger than limit 65535\"}");

        // Non-ASCII counts as ujson's unicode escapes (6 characters, 12 for a surrogate pair), "/" as "\\/".
        String text = "\u00e9/\ud83d\ude00".repeat(5_000);
        Response escaped = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", text)));
        int ujsonLength = "{\"title\":\"\",\"nodes\":null}".length() + 5_000 * (6 + 2 + 12);
        assertThat(escaped.body()).isEqualTo("{\"title\":\"Context too large. " + ujsonLength + " is larger than limit 65535\"}");
        // The same text is accepted when it fits Iris's measure.
        assertThat(app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", "\u00e9".repeat(10_000)))).status()).isEqualTo(201);
    }

    @Test
    void onlyPrivilegedApplicationsCreateIncidentsForOthers()
    {
        Response forbidden = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "application", "other"));
        assertError(forbidden, 403, "This application app does not allow creating incidents as other applications");

        IrisTestClient iris = api.client("iris", "iris-key");
        long id = createIncident(iris, Map.of("plan", "plan-a", "context", Map.of(), "application", "app"));
        assertThat(api.anonymous().get("/v0/incidents/" + id).json().get("application").asText()).isEqualTo("app");
        assertError(iris.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "application", "fakeapp234234")), 400, "Invalid application");
    }

    @Test
    void dynamicPlansBindTargetsInOrder()
    {
        assertError(app.post("/v0/incidents", Map.of("plan", "dyn-plan", "context", Map.of())), 400, "Invalid number of dynamic targets");
        Response badRole = app.post("/v0/incidents", Map.of("plan", "dyn-plan", "context", Map.of(), "dynamic_targets",
                List.of(Map.of("role", "team", "target", "alice"), Map.of("role", "user", "target", "bob"))));
        assertError(badRole, 400, "Invalid incident");
        assertThat(badRole.json().get("description").asText()).isEqualTo("invalid role team for target alice");
        assertError(app.post("/v0/incidents", Map.of("plan", "dyn-plan", "context", Map.of(), "dynamic_targets", "alice")), 400, "Invalid incident");

        long id = createIncident(app, Map.of("plan", "dyn-plan", "context", Map.of(), "dynamic_targets",
                List.of(Map.of("role", "team", "target", "team-a"), Map.of("role", "user", "target", "bob"))));
        assertThat(count("""
                SELECT COUNT(*) FROM dynamic_plan_map m JOIN target t ON t.id = m.target_id JOIN target_role r ON r.id = m.role_id
                WHERE m.incident_id = ? AND ((m.dynamic_index = 0 AND t.name = 'team-a' AND r.name = 'team')
                                          OR (m.dynamic_index = 1 AND t.name = 'bob' AND r.name = 'user'))""", id)).isEqualTo(2);
    }

    @Test
    void dedupKeyFoldsRepeatsIntoTheOpenIncident()
    {
        long first = createIncident(app, Map.of("plan", "plan-a", "context", Map.of(), "dedup_key", "disk-1"));
        Response repeat = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "dedup_key", "disk-1"));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(Long.parseLong(repeat.body())).isEqualTo(first);
        assertThat(count("SELECT dedup_count FROM incident WHERE id = ?", first)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'deduplicated'", first)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE dedup_key = 'disk-1'")).isEqualTo(1);

        // Another application's key is its own.
        IrisTestClient iris = api.client("iris", "iris-key");
        Response otherApp = iris.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "application", "app", "dedup_key", "disk-2"));
        assertThat(otherApp.status()).isEqualTo(201);

        // Claimed but unresolved still absorbs repeats; resolved does not.
        assertThat(trusted.post("/v0/incidents/" + first, Map.of("owner", "alice")).status()).isEqualTo(200);
        assertThat(app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "dedup_key", "disk-1")).status()).isEqualTo(200);
        assertThat(trusted.post("/v0/incidents/" + first + "/resolve", Map.of("resolved", true)).status()).isEqualTo(200);
        Response afterResolve = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "dedup_key", "disk-1"));
        assertThat(afterResolve.status()).isEqualTo(201);
        assertThat(Long.parseLong(afterResolve.body())).isNotEqualTo(first);
        assertError(app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of(), "dedup_key", 5)), 400, "Invalid incident");
    }

    @Test
    void claimStopsEscalationAndUnclaimResumesIt()
    {
        long id = createIncident();
        long queued = insertMessage(id, "queued", false);
        long sending = insertMessage(id, "sending", false);
        long sent = insertMessage(id, "sent", true);

        Response claimed = trusted.post("/v0/incidents/" + id, Map.of("owner", "alice"));
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("incident_id").asLong()).isEqualTo(id);
        assertThat(claimed.json().get("owner").asText()).isEqualTo("alice");
        assertThat(claimed.json().get("active").asBoolean()).isFalse();
        assertThat(claimed.json().get("active").isBoolean()).isTrue();

        assertThat(count("SELECT COUNT(*) FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id = ? AND i.active = 0 AND t.name = 'alice'", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'cancelled' AND active = 0", queued)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'sending' AND active = 0", sending)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'sent' AND active = 0", sent)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed' AND actor = 'alice'", id)).isEqualTo(1);
        assertThat(api.anonymous().get("/v0/incidents/" + id).json().get("owner").asText()).isEqualTo("alice");

        Map<String, Object> unclaim = new LinkedHashMap<>();
        unclaim.put("owner", null);
        Response unclaimed = app.post("/v0/incidents/" + id, unclaim);
        assertThat(unclaimed.status()).isEqualTo(200);
        assertThat(unclaimed.json().get("owner").isNull()).isTrue();
        assertThat(unclaimed.json().get("active").asBoolean()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND active = 1 AND owner_id IS NULL", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'unclaimed'", id)).isEqualTo(1);
    }

    @Test
    void claimRejectsWhatIrisRejects()
    {
        long id = createIncident();
        assertError(trusted.post("/v0/incidents/" + id, Map.of()), 400, "\"owner\" field required");
        assertError(trusted.post("/v0/incidents/" + id, Map.of("owner", "nobody-at-all")), 400, "Invalid claim: no matching owner");
        assertError(trusted.post("/v0/incidents/" + id, Map.of("owner", "carol")), 400, "Invalid claim: no matching owner");
        assertError(trusted.post("/v0/incidents/99999999", Map.of("owner", "alice")), 400, "Invalid claim: no matching incident id");
        assertError(trusted.post("/v0/incidents/abc", Map.of("owner", "alice")), 400, "Invalid incident id");
        assertError(app.post("/v0/incidents/" + id, Map.of("owner", "alice")), 401, "Invalid claimer for this app/user");
        assertThat(api.anonymous().post("/v0/incidents/" + id, Map.of("owner", "alice")).status()).isEqualTo(401);
        assertThat(api.anonymous().post("/v0/incidents/" + id + "/resolve", Map.of("resolved", true)).status()).isEqualTo(401);
        assertThat(api.anonymous().post("/v0/incidents/" + id + "/comments", Map.of("author", "alice", "content", "x")).status()).isEqualTo(401);
        assertThat(count("SELECT active FROM incident WHERE id = ?", id)).isEqualTo(1);
    }

    @Test
    void bulkClaim()
    {
        long first = createIncident();
        long second = createIncident();
        Response response = trusted.post("/v0/incidents/claim", Map.of("owner", "alice", "incident_ids", List.of(first, second)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("owner").asText()).isEqualTo("alice");
        assertThat(ids(response.json().get("claimed"))).containsExactly(first, second);
        assertThat(response.json().get("unclaimed")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id IN (?, ?) AND active = 0", first, second)).isEqualTo(2);

        Map<String, Object> unclaim = new LinkedHashMap<>();
        unclaim.put("owner", null);
        unclaim.put("incident_ids", List.of(first));
        Response unclaimed = trusted.post("/v0/incidents/claim", unclaim);
        assertThat(ids(unclaimed.json().get("unclaimed"))).containsExactly(first);
        assertThat(count("SELECT active FROM incident WHERE id = ?", first)).isEqualTo(1);

        assertError(trusted.post("/v0/incidents/claim", Map.of("owner", "alice")), 400, "Missing owner or incident_ids fields");
        assertError(trusted.post("/v0/incidents/claim", Map.of("owner", "alice", "incident_ids", List.of(first, 99999999))),
                400, "Invalid claim: no matching incident id");
        assertThat(count("SELECT active FROM incident WHERE id = ?", first)).isEqualTo(1);
        assertError(trusted.post("/v0/incidents/claim", Map.of("owner", "nobody-at-all", "incident_ids", List.of(first))),
                400, "Invalid claim: no matching owner");
    }

    /**
     * Iris's bulk claim checks only that the incidents and the owner exist: any authenticated
     * application may claim for any active user (a chat bot claiming for whoever pressed its
     * button). The single claim keeps Iris's acl_allowed check.
     */
    @Test
    void bulkClaimByAnApplicationForAUser()
    {
        long id = createIncident();
        Response response = app.post("/v0/incidents/claim", Map.of("owner", "alice", "incident_ids", List.of(id)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"owner\":\"alice\",\"claimed\":[" + id + "],\"unclaimed\":[]}");
        assertThat(count("SELECT COUNT(*) FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id = ? AND i.active = 0 AND t.name = 'alice'", id))
                .isEqualTo(1);

        // A user acting through a trusted application may claim for another user too.
        long other = createIncident();
        Response forBob = trusted.post("/v0/incidents/claim", Map.of("owner", "bob", "incident_ids", List.of(other)));
        assertThat(forBob.body()).isEqualTo("{\"owner\":\"bob\",\"claimed\":[" + other + "],\"unclaimed\":[]}");

        // Anonymous callers still cannot, and the single claim still needs acl_allowed.
        assertThat(api.anonymous().post("/v0/incidents/claim", Map.of("owner", "alice", "incident_ids", List.of(id))).status()).isEqualTo(401);
        assertError(app.post("/v0/incidents/" + createIncident(), Map.of("owner", "alice")), 401, "Invalid claimer for this app/user");
    }

    @Test
    void resolveStopsPagingAndUnresolveResumesIt()
    {
        long id = createIncident();
        long queued = insertMessage(id, "queued", false);
        Response response = app.post("/v0/incidents/" + id + "/resolve", Map.of("resolved", true));
        assertThat(response.status()).isEqualTo(200);
        // Iris echoes the path's id, a string, and the resolved value as sent.
        assertThat(response.body()).isEqualTo("{\"incident_id\":\"" + id + "\",\"resolved\":true}");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND resolved = 1 AND active = 0", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'cancelled'", queued)).isEqualTo(1);
        assertThat(api.anonymous().get("/v0/incidents/" + id).json().get("resolved").asInt()).isEqualTo(1);

        Response unresolved = app.post("/v0/incidents/" + id + "/resolve", Map.of("resolved", false));
        assertThat(unresolved.body()).isEqualTo("{\"incident_id\":\"" + id + "\",\"resolved\":false}");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND resolved = 0 AND active = 1", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ? AND due_at <= NOW(3)", id)).isEqualTo(1);
        // An integer is echoed as the integer it was.
        assertThat(app.post("/v0/incidents/" + id + "/resolve", Map.of("resolved", 1)).body())
                .isEqualTo("{\"incident_id\":\"" + id + "\",\"resolved\":1}");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND resolved = 1", id)).isEqualTo(1);

        assertError(app.post("/v0/incidents/" + id + "/resolve", Map.of()), 400, "resolved field required");
        assertError(app.post("/v0/incidents/99999999/resolve", Map.of("resolved", true)), 400, "Invalid claim: no matching incident id");
        assertError(app.post("/v0/incidents/abc/resolve", Map.of("resolved", true)), 400, "Invalid claim: no matching incident id");
        assertError(app.post("/v0/incidents/" + id + "/resolve", Map.of("resolved", "very")), 400, "Invalid resolved field");
    }

    @Test
    void comments()
    {
        long id = createIncident();
        Response created = trusted.post("/v0/incidents/" + id + "/comments", Map.of("author", "alice", "content", "looking **now**"));
        assertThat(created.status()).isEqualTo(201);
        long commentId = Long.parseLong(created.body());
        assertThat(commentId).isPositive();

        JsonNode comments = api.anonymous().get("/v0/incidents/" + id + "/comments").json();
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).get("author").asText()).isEqualTo("alice");
        assertThat(comments.get(0).get("content").asText()).isEqualTo("looking **now**");
        assertThat(comments.get(0).get("created").isIntegralNumber()).isTrue();
        assertThat(api.anonymous().get("/v0/incidents/" + id).json().get("comments")).hasSize(1);

        assertError(trusted.post("/v0/incidents/" + id + "/comments", Map.of("author", "alice", "content", "")), 400, "Empty comment");
        assertError(app.post("/v0/incidents/" + id + "/comments", Map.of("author", "alice", "content", "hi")), 403,
                "Comment author must match logged in user");
        assertError(trusted.post("/v0/incidents/99999999/comments", Map.of("author", "alice", "content", "hi")), 400, "Failed to post comment");
        assertError(trusted.post("/v0/incidents/" + id + "/comments", Map.of("author", "ghost", "content", "hi")), 400, "Failed to post comment");
        assertThat(api.anonymous().get("/v0/incidents/" + id + "/comments").json()).hasSize(1);
    }

    @Test
    void getShowsSentMessagesAsSteps()
    {
        long id = createIncident();
        long sent = insertMessage(id, "sent", true);
        api.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO message_changelog (`date`, message_id, change_type, old, new) VALUES (NOW(3), ?, 'mode-change', 'sms', 'email')", sent));
        JsonNode steps = api.anonymous().get("/v0/incidents/" + id).json().get("steps");
        assertThat(steps).hasSize(1);
        JsonNode step = steps.get(0);
        assertThat(step.get("id").asLong()).isEqualTo(sent);
        assertThat(step.get("name").asText()).isEqualTo("alice");
        assertThat(step.get("mode").asText()).isEqualTo("email");
        assertThat(step.get("priority").asText()).isEqualTo("high");
        assertThat(step.get("step").asInt()).isEqualTo(1);
        assertThat(step.get("mode_changed").asInt()).isEqualTo(1);
        assertThat(step.get("target_changed").asInt()).isEqualTo(0);
        assertThat(step.get("sent").isIntegralNumber()).isTrue();

        assertThat(api.anonymous().get("/v0/incidents/fakeid").status()).isEqualTo(400);
        Response missing = api.anonymous().get("/v0/incidents/-1");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void search()
    {
        assertError(api.anonymous().get("/v0/incidents"), 400, "Incident query too broad, add filter or limit");
        // Iris runs on Python 3: the type in the description is Python 3's repr of int.
        Response badId = api.anonymous().get("/v0/incidents?id=job");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body()).isEqualTo("{\"title\":\"invalid argument type\",\"description\":\"id should be <class 'int'>\"}");
        // Falcon's get_param_as_int wording.
        assertThat(api.anonymous().get("/v0/incidents?limit=ten").body())
                .isEqualTo("{\"title\":\"Invalid parameter\",\"description\":\"The \\\"limit\\\" parameter is invalid. The value must be an integer.\"}");

        long first = createIncident(app, Map.of("plan", "plan-a", "context", Map.of("title", "first one")));
        long second = createIncident(app, Map.of("plan", "plan-team", "context", Map.of("title", "second one")));
        insertMessage(first, "sent", true);

        JsonNode both = api.anonymous().get("/v0/incidents?id__in=" + first + "," + second).json();
        assertThat(ids(both)).containsExactly(first, second);
        JsonNode row = both.get(0);
        assertThat(row.get("title").asText()).isEqualTo("first one");
        assertThat(row.get("title_variable_name").asText()).isEqualTo("title");
        assertThat(row.get("context").get("title").asText()).isEqualTo("first one");
        assertThat(row.get("plan").asText()).isEqualTo("plan-a");
        assertThat(row.get("application").asText()).isEqualTo("app");
        assertThat(row.get("active").asInt()).isEqualTo(1);

        JsonNode newest = api.anonymous().get("/v0/incidents?limit=1&fields=id&id__in=" + first + "," + second).json();
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(newest.get(0).size()).isEqualTo(1);

        assertThat(ids(api.anonymous().get("/v0/incidents?target=alice").json())).contains(first).doesNotContain(second);
        assertThat(ids(api.anonymous().get("/v0/incidents?plan=plan-team&id__ge=" + first).json())).containsExactly(second);
        assertThat(ids(api.anonymous().get("/v0/incidents?context__contains=second%20one").json())).containsExactly(second);
        JsonNode noTitle = api.anonymous().get("/v0/incidents?fields=id,context&id=" + first).json().get(0);
        assertThat(noTitle.has("title")).isFalse();
        assertThat(api.anonymous().get("/v0/incidents?active=1&limit=5").json().size()).isBetween(1, 5);
    }

    @Test
    void unacknowledgedFilterFindsExhaustedIncidentsNobodyTook()
    {
        long paging = createIncident();
        long exhausted = createIncident();
        long claimed = createIncident();
        long resolved = createIncident();
        // The plan ran out on these two: the sender leaves them inactive and ownerless.
        api.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET active = 0 WHERE id IN (?, ?)", exhausted, resolved));
        assertThat(trusted.post("/v0/incidents/" + claimed, Map.of("owner", "alice")).status()).isEqualTo(200);
        assertThat(app.post("/v0/incidents/" + resolved + "/resolve", Map.of("resolved", true)).status()).isEqualTo(200);
        String ids = "id__in=" + paging + "," + exhausted + "," + claimed + "," + resolved;

        JsonNode unacknowledged = api.anonymous().get("/v0/incidents?unacknowledged=1&" + ids).json();
        assertThat(ids(unacknowledged)).containsExactly(exhausted);
        // Only a filter: the rows keep Iris's fields.
        assertThat(unacknowledged.get(0).has("unacknowledged")).isFalse();
        assertThat(unacknowledged.get(0).get("active").asInt()).isZero();
        assertThat(ids(api.anonymous().get("/v0/incidents?unacknowledged=0&" + ids).json()))
                .containsExactlyInAnyOrder(paging, claimed, resolved);
        // It counts as a filter for Iris's "too broad" rule.
        assertThat(api.anonymous().get("/v0/incidents?unacknowledged=1").status()).isEqualTo(200);
        assertError(api.anonymous().get("/v0/incidents?unacknowledged=yes"), 400, "invalid argument type");

        // A claim takes it out of the unacknowledged ones.
        assertThat(trusted.post("/v0/incidents/" + exhausted, Map.of("owner", "alice")).status()).isEqualTo(200);
        assertThat(ids(api.anonymous().get("/v0/incidents?unacknowledged=1&" + ids).json())).isEmpty();
    }

    private static List<Long> ids(JsonNode rows)
    {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.isObject() ? row.get("id").asLong() : row.asLong()));
        return ids;
    }
}
