package dev.iris.api.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static dev.iris.api.testing.ApiFixtures.ids;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class PlanResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient alice;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            seed.application("trusted", "trusted-key", true, List.of("title"));
            long aliceId = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of());
            seed.team("team-a", List.of(aliceId));
            seed.template("tmpl", aliceId, application, List.of("email"), "subject", "body");
        });
        alice = trustedClient(api).as("alice");
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, Object> notification(String role, String target, String priority)
    {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("role", role);
        notification.put("target", target);
        notification.put("priority", priority);
        notification.put("wait", 600);
        notification.put("repeat", 1);
        notification.put("template", "tmpl");
        return notification;
    }

    private static Map<String, Object> plan(String name, List<List<Map<String, Object>>> steps)
    {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("creator", "alice");
        plan.put("name", name);
        plan.put("description", "Test plan");
        plan.put("threshold_window", 900);
        plan.put("threshold_count", 10);
        plan.put("aggregation_window", 300);
        plan.put("aggregation_reset", 300);
        plan.put("steps", steps);
        plan.put("isValid", true);
        return plan;
    }

    private static Map<String, Object> simplePlan(String name)
    {
        return plan(name, List.of(List.of(notification("user", "alice", "low"), notification("team", "team-a", "high"))));
    }

    private static long create(Map<String, Object> plan)
    {
        Response response = alice.post("/v0/plans", plan);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    @Test
    void createdPlanIsActiveAndShownByIdAndByName()
    {
        Response response = alice.post("/v0/plans", simplePlan("shown"));
        assertThat(response.status()).isEqualTo(201);
        long id = Long.parseLong(response.body());
        assertThat(response.header("Location")).isEqualTo("/plans/" + id);

        JsonNode plan = api.anonymous().get("/v0/plans/" + id).json();
        assertThat(plan.get("id").asLong()).isEqualTo(id);
        assertThat(plan.get("name").asText()).isEqualTo("shown");
        assertThat(plan.get("creator").asText()).isEqualTo("alice");
        assertThat(plan.get("description").asText()).isEqualTo("Test plan");
        assertThat(plan.get("threshold_window").asInt()).isEqualTo(900);
        assertThat(plan.get("active").asInt()).isEqualTo(1);
        assertThat(plan.get("created").isIntegralNumber()).isTrue();
        assertThat(plan.get("tracking_template").isNull()).isTrue();
        JsonNode steps = plan.get("steps");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0)).hasSize(2);
        JsonNode first = steps.get(0).get(0);
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.get("role").asText()).isEqualTo("user");
        assertThat(first.get("target").asText()).isEqualTo("alice");
        assertThat(first.get("priority").asText()).isEqualTo("low");
        assertThat(first.get("template").asText()).isEqualTo("tmpl");
        assertThat(first.get("wait").asInt()).isEqualTo(600);
        assertThat(first.get("repeat").asInt()).isEqualTo(1);
        assertThat(first.get("optional").asInt()).isEqualTo(0);
        assertThat(first.get("dynamic_index").isNull()).isTrue();

        assertThat(api.anonymous().get("/v0/plans/shown").json().get("id").asLong()).isEqualTo(id);
    }

    @Test
    void newVersionReplacesActiveVersionButOldIdStillResolves()
    {
        long first = create(simplePlan("versioned"));
        long second = create(simplePlan("versioned"));
        assertThat(api.anonymous().get("/v0/plans/versioned").json().get("id").asLong()).isEqualTo(second);
        JsonNode old = api.anonymous().get("/v0/plans/" + first).json();
        assertThat(old.get("active").asInt()).isEqualTo(0);
    }

    @Test
    void unknownPlanIsAnEmpty404()
    {
        Response byName = api.anonymous().get("/v0/plans/TESTDOOOOT");
        assertThat(byName.status()).isEqualTo(404);
        assertThat(byName.body()).isEmpty();
        assertThat(api.anonymous().get("/v0/plans/999999").status()).isEqualTo(404);
    }

    @Test
    void planNameRules()
    {
        assertError(alice.post("/v0/plans", Map.of("name", " ")), 400, "Invalid plan", "Empty plan name");
        assertError(alice.post("/v0/plans", Map.of("name", "1234")), 400, "Invalid plan", "Plan name cannot be a number");
        assertError(alice.post("/v0/plans", Map.of("name", "no-creator")), 400, "Invalid plan", "Plan must specify a creator");
    }

    @Test
    void creatorMustBeTheCallerUnlessTheAppMayActForUsers()
    {
        assertError(app.post("/v0/plans", simplePlan("acl")), 401, "Invalid plan creator for authenticated app/user", null);
        Map<String, Object> byBob = simplePlan("acl");
        byBob.put("creator", "nobody-such");
        assertError(alice.post("/v0/plans", byBob), 400, "Invalid plan", "Plan creator nobody-such is not a user");
    }

    @Test
    void stepValidationUsesIrisMessages()
    {
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(notification("foo", "team-a", "low"))))),
                400, "Invalid plan", "Role not found for step 1 (notification 1: role 'foo')");
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(notification("user", "_invalid_user", "low"))))),
                400, "Invalid plan", "Target _invalid_user not found for step 1 (notification 1: target)");
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(notification("user", "alice", "foo"))))),
                400, "Invalid plan", "Priority not found for step 1 (notification 1: priority 'foo')");
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(notification("oncall-primary", "alice", "low"))))),
                400, "Invalid role", "Role oncall-primary is not appropriate for target alice in step 1");
        assertError(alice.post("/v0/plans", plan("bad", List.of(
                        List.of(notification("user", "alice", "low")),
                        List.of(notification("user", "team-a", "low"))))),
                400, "Invalid role", "Role user is not appropriate for target team-a in step 2");
        Map<String, Object> optional = notification("user", "alice", "low");
        optional.put("optional", 1);
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(notification("user", "alice", "low")), List.of(optional)))),
                400, "Invalid plan", "You must have at least one non-optional notification per step. Step 2 has none.");
        Map<String, Object> noTemplate = notification("user", "alice", "low");
        noTemplate.remove("template");
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(noTemplate)))), 400, "Invalid plan", "Step 1, notification 1: template is missing");
        Map<String, Object> badWait = notification("user", "alice", "low");
        badWait.put("wait", "soon");
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(badWait)))), 400, "Invalid plan", "Step 1, notification 1: wait must be a whole number of seconds");
        Map<String, Object> hugeRepeat = notification("user", "alice", "low");
        hugeRepeat.put("repeat", 5_000_000_000L);
        assertError(alice.post("/v0/plans", plan("bad", List.of(List.of(hugeRepeat)))), 400, "Invalid plan", "Step 1, notification 1: repeat must be between 0 and 4294967295");
        Map<String, Object> malformed = simplePlan("bad");
        malformed.put("steps", "none");
        assertError(alice.post("/v0/plans", malformed), 400, "Invalid plan", null);
        Map<String, Object> badThreshold = simplePlan("bad");
        badThreshold.put("threshold_count", "many");
        assertError(alice.post("/v0/plans", badThreshold), 400, "Invalid plan", "threshold_count must be a non-negative integer");
        // Nothing of the rejected plans was stored.
        assertThat(api.anonymous().get("/v0/plans?name=bad").json()).isEmpty();
    }

    @Test
    void validateRunsEveryCheckAndStoresNothing()
    {
        Map<String, Object> good = simplePlan("dry-run-plan");
        Response valid = alice.post("/v0/plans/validate", good);
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertThat(api.anonymous().get("/v0/plans?name=dry-run-plan").json()).isEmpty();

        // Checks that need the database (the team, the template) are run too.
        Response badTarget = alice.post("/v0/plans/validate", plan("dry-run-plan", List.of(List.of(notification("team", "no-such-team", "low")))));
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.json().get("description").asText()).contains("no-such-team").contains("step 1");
        assertThat(api.anonymous().get("/v0/plans?name=dry-run-plan").json()).isEmpty();
    }

    /**
     * Iris's plan_notification.template is a foreign key to template_active: a plan naming a
     * template with no active version is refused (otherwise every trigger on it would be refused
     * later with "No plan template actions exist for this app").
     */
    @Test
    void stepNamingNoActiveTemplateIsRefused()
    {
        Map<String, Object> missing = notification("user", "alice", "low");
        missing.put("template", "no-such-template");
        Response refused = alice.post("/v0/plans", plan("missing-template", List.of(List.of(notification("user", "alice", "low")), List.of(missing))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"title\":\"Invalid plan\",\"description\":\"Step 2, notification 1: template 'no-such-template' has no active version\"}");

        // A template whose versions are all deactivated is no better.
        Response template = alice.post("/v0/templates", Map.of("name", "retired", "creator", "alice",
                "content", Map.of("app", Map.of("email", Map.of("subject", "s", "body", "b")))));
        assertThat(template.status()).isEqualTo(201);
        assertThat(alice.post("/v0/templates/" + template.body(), Map.of("active", 0)).status()).isEqualTo(200);
        Map<String, Object> retired = notification("user", "alice", "low");
        retired.put("template", "retired");
        assertError(alice.post("/v0/plans", plan("missing-template", List.of(List.of(retired)))), 400, "Invalid plan", "Step 1, notification 1: template 'retired' has no active version");
        assertThat(api.anonymous().get("/v0/plans?name=missing-template").json()).isEmpty();
    }

    @Test
    void planLengthIsCappedAtOneDay()
    {
        Map<String, Object> long1 = notification("user", "alice", "low");
        long1.put("wait", 3600);
        long1.put("count", 25);
        assertError(alice.post("/v0/plans", plan("too-long", List.of(List.of(long1)))), 400, "Invalid plan", "Plan length exceeds the 24 hour maximum");
    }

    @Test
    void dynamicPlansNeedContiguousIndices()
    {
        Map<String, Object> zero = new LinkedHashMap<>(Map.of("dynamic_index", 0, "priority", "low", "wait", 0, "repeat", 0, "template", "tmpl"));
        Map<String, Object> two = new LinkedHashMap<>(Map.of("dynamic_index", 2, "priority", "low", "wait", 0, "repeat", 0, "template", "tmpl"));
        assertError(alice.post("/v0/plans", plan("dynamic-gap", List.of(List.of(zero, two)))), 400, "Invalid plan",
                "Dynamic target numbers must span 0..n without gaps");

        Map<String, Object> one = new LinkedHashMap<>(two);
        one.put("dynamic_index", 1);
        long id = create(plan("dynamic", List.of(List.of(zero), List.of(one))));
        JsonNode steps = api.anonymous().get("/v0/plans/" + id).json().get("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).get(0).get("dynamic_index").asInt()).isEqualTo(1);
        assertThat(steps.get(1).get(0).get("role").isNull()).isTrue();
        assertThat(steps.get(1).get(0).get("target").isNull()).isTrue();
    }

    @Test
    void trackingSettingsAreValidated()
    {
        Map<String, Object> incomplete = simplePlan("tracked");
        incomplete.put("tracking_type", "email");
        assertError(alice.post("/v0/plans", incomplete), 400, "Invalid tracking template", "Incomplete tracking setting");

        Map<String, Object> badAddress = simplePlan("tracked");
        badAddress.put("tracking_type", "email");
        badAddress.put("tracking_key", "not-an-address");
        badAddress.put("tracking_template", Map.of("app", Map.of("email_subject", "s", "email_text", "t")));
        assertError(alice.post("/v0/plans", badAddress), 400, "Invalid tracking template", "Invalid email address");

        Map<String, Object> missingKeys = simplePlan("tracked");
        missingKeys.put("tracking_type", "email");
        missingKeys.put("tracking_key", "ops@example.com");
        missingKeys.put("tracking_template", Map.of("app", Map.of("email_subject", "s")));
        assertError(alice.post("/v0/plans", missingKeys), 400, "Invalid tracking template", "Missing keys for app template: [email_text]");

        Map<String, Object> badJinja = simplePlan("tracked");
        badJinja.put("tracking_type", "email");
        badJinja.put("tracking_key", "ops@example.com");
        badJinja.put("tracking_template", Map.of("app", Map.of("email_subject", "{% if x %}", "email_text", "t")));
        Response jinja = alice.post("/v0/plans", badJinja);
        assertThat(jinja.status()).isEqualTo(400);
        assertThat(jinja.json().get("description").asText()).startsWith("Invalid jinja syntax in subject: ");

        Map<String, Object> unknownType = simplePlan("tracked");
        unknownType.put("tracking_type", "pigeon");
        unknownType.put("tracking_key", "x");
        unknownType.put("tracking_template", Map.of("app", Map.of("body", "b")));
        assertError(alice.post("/v0/plans", unknownType), 400, "Invalid tracking template", "Unknown tracking type: pigeon");

        Map<String, Object> valid = simplePlan("tracked");
        valid.put("tracking_type", "email");
        valid.put("tracking_key", "ops@example.com");
        valid.put("tracking_template", Map.of("app", Map.of("email_subject", "{{ title }}", "email_text", "t")));
        long id = create(valid);
        JsonNode plan = api.anonymous().get("/v0/plans/" + id).json();
        assertThat(plan.get("tracking_type").asText()).isEqualTo("email");
        assertThat(plan.get("tracking_template").get("app").get("email_subject").asText()).isEqualTo("{{ title }}");
    }

    @Test
    void searchFiltersByActiveNameCreatorAndTarget()
    {
        long inactive = create(plan("search-one", List.of(List.of(notification("user", "alice", "low")))));
        assertThat(alice.post("/v0/plans/" + inactive, Map.of("active", 0)).body()).isEqualTo("0");
        long active = create(plan("search-two", List.of(List.of(notification("team", "team-a", "low")))));

        JsonNode inactiveOnes = api.anonymous().get("/v0/plans?active=0&name__contains=search-&creator__eq=alice").json();
        assertThat(ids(inactiveOnes)).containsExactly(inactive);
        JsonNode activeOnes = api.anonymous().get("/v0/plans?active=1&name__startswith=search-&foo=bar").json();
        assertThat(ids(activeOnes)).containsExactly(active);
        assertThat(ids(api.anonymous().get("/v0/plans?target=team-a&name__startswith=search-").json())).containsExactly(active);
        assertThat(ids(api.anonymous().get("/v0/plans?target__startswith=ali&name__startswith=search-").json())).containsExactly(inactive);
        assertThat(ids(api.anonymous().get("/v0/plans?id__in=" + inactive + "," + active).json())).containsExactlyInAnyOrder(inactive, active);

        JsonNode limited = api.anonymous().get("/v0/plans?limit=1&fields=id,name,bogus").json();
        assertThat(limited).hasSize(1);
        assertThat(fieldNames(limited.get(0))).containsExactly("id", "name");

        JsonNode all = api.anonymous().get("/v0/plans?id=" + active).json().get(0);
        assertThat(fieldNames(all)).containsExactly("id", "name", "threshold_window", "threshold_count", "aggregation_window",
                "aggregation_reset", "tracking_type", "tracking_key", "tracking_template", "description", "created", "creator", "active");
    }

    @Test
    void searchRejectsBadValues()
    {
        assertError(api.anonymous().get("/v0/plans?id=job"), 400, "invalid argument type", "id should be <class 'int'>");
        assertError(api.anonymous().get("/v0/plans?limit=lots"), 400, "Invalid parameter", null);
        assertError(api.anonymous().get("/v0/plans?active=maybe"), 400, "Invalid parameter", null);
        assertError(api.anonymous().get("/v0/plans?name__near=x"), 400, "Invalid filter", null);
        // Filter values are bound, never spliced into SQL.
        assertThat(api.anonymous().get("/v0/plans?name=x'%20OR%20'1'='1").json()).isEmpty();
    }

    @Test
    void activationToggle()
    {
        long id = create(simplePlan("toggle"));
        Response off = alice.post("/v0/plans/" + id, Map.of("active", 0));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body()).isEqualTo("0");
        assertThat(api.anonymous().get("/v0/plans/toggle").status()).isEqualTo(404);
        assertThat(alice.post("/v0/plans/" + id, Map.of("active", 1)).body()).isEqualTo("1");
        assertThat(api.anonymous().get("/v0/plans/toggle").json().get("id").asLong()).isEqualTo(id);

        assertError(alice.post("/v0/plans/" + id, Map.of()), 400, "\"active\" field required", null);
        assertError(alice.post("/v0/plans/" + id, Map.of("active", "fakeint")), 400, "Invalid active field", null);
        assertError(alice.post("/v0/plans/999999", Map.of("active", 1)), 400, "No plan matched", null);
        assertThat(api.anonymous().post("/v0/plans/" + id, Map.of("active", 1)).status()).isEqualTo(401);
    }

    @Test
    void deleteRemovesEveryVersionUnlessInUse()
    {
        assertError(app.delete("/v0/plans/plan"), 401, "You must be a logged in user to delete unused plans", null);
        assertError(alice.delete("/v0/plans/fake-plan-name-12345"), 400, "No plan matched", null);
        assertError(alice.delete("/v0/plans/02342342412345"), 400, "No plan matched", null);

        long first = create(simplePlan("doomed"));
        long second = create(simplePlan("doomed"));
        Response deleted = alice.delete("/v0/plans/" + first);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("[]");
        assertThat(api.anonymous().get("/v0/plans/" + first).status()).isEqualTo(404);
        assertThat(api.anonymous().get("/v0/plans/" + second).status()).isEqualTo(404);

        create(simplePlan("doomed-by-name"));
        assertThat(alice.delete("/v0/plans/doomed-by-name").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v0/plans/doomed-by-name").status()).isEqualTo(404);

        long used = create(simplePlan("kept"));
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO incident (plan_id, created, updated, context, application_id)
                SELECT ?, NOW(3), NOW(3), '{}', id FROM application WHERE name = 'app'""", used));
        assertError(alice.delete("/v0/plans/kept"), 400, "Cannot delete this plan as 1 incidents have been created using it", null);

        create(simplePlan("quota-plan"));
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold, hard_quota_duration,
                                               soft_quota_duration, plan_name)
                SELECT id, 10, 5, 60, 60, 'quota-plan' FROM application WHERE name = 'app'"""));
        assertError(alice.delete("/v0/plans/quota-plan"), 400, "Cannot delete this plan as the application app is using it for quota", null);
        assertThat(api.anonymous().get("/v0/plans/quota-plan").status()).isEqualTo(200);
    }

    private static List<String> fieldNames(JsonNode row)
    {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
