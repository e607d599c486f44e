package dev.iris.api.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.ApiFixtures;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class TemplateResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient alice;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(ApiFixtures::titledApplicationsAndAlice);
        alice = trustedClient(api).as("alice");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, Object> template(String name)
    {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("creator", "alice");
        template.put("name", name);
        template.put("content", Map.of("app", Map.of(
                "sms", Map.of("subject", "", "body", "test_sms {{ title }}"),
                "email", Map.of("subject", "email_subject", "body", "{% if title %}{{ title }}{% endif %}"))));
        return template;
    }

    private static long create(Map<String, Object> template)
    {
        Response response = alice.post("/v0/templates", template);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    @Test
    void createdTemplateIsShownWithItsContentAndPlans()
    {
        Response response = alice.post("/v0/templates", template("shown"));
        assertThat(response.status()).isEqualTo(201);
        long id = Long.parseLong(response.body());
        assertThat(response.header("Location")).isEqualTo("/templates/" + id);

        JsonNode byId = api.anonymous().get("/v0/templates/" + id).json();
        assertThat(byId.get("id").asLong()).isEqualTo(id);
        assertThat(byId.get("name").asText()).isEqualTo("shown");
        assertThat(byId.get("creator").asText()).isEqualTo("alice");
        assertThat(byId.get("active").asInt()).isEqualTo(1);
        assertThat(byId.get("created").isIntegralNumber()).isTrue();
        assertThat(byId.get("content").get("app").get("sms").get("body").asText()).isEqualTo("test_sms {{ title }}");
        assertThat(byId.get("content").get("app").get("email").get("subject").asText()).isEqualTo("email_subject");
        assertThat(byId.get("plans")).isEmpty();

        Response plan = alice.post("/v0/plans", Map.of("name", "uses-shown", "creator", "alice",
                "steps", List.of(List.of(Map.of("role", "user", "target", "alice", "priority", "low", "wait", 0, "repeat", 0, "template", "shown")))));
        assertThat(plan.status()).isEqualTo(201);
        JsonNode byName = api.anonymous().get("/v0/templates/shown").json();
        assertThat(byName.get("id").asLong()).isEqualTo(id);
        assertThat(byName.get("plans").get(0).get("name").asText()).isEqualTo("uses-shown");
        assertThat(byName.get("plans").get(0).get("id").asLong()).isEqualTo(Long.parseLong(plan.body()));

        Response missing = api.anonymous().get("/v0/templates/faketemplatethatdoesnotexist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @Test
    void trailingSlashIsAccepted()
    {
        // Iris's e2e suite posts to /v0/templates/.
        Response response = alice.post("/v0/templates/", template("slashed"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(api.anonymous().get("/v0/templates/slashed").status()).isEqualTo(200);
    }

    @Test
    void missingArgumentsAreNamed()
    {
        Map<String, Object> noContent = template("x");
        noContent.remove("content");
        assertError(alice.post("/v0/templates", noContent), 400, "content argument missing");
        Map<String, Object> noName = template("x");
        noName.remove("name");
        assertError(alice.post("/v0/templates", noName), 400, "name argument missing");
        Map<String, Object> noCreator = template("x");
        noCreator.remove("creator");
        assertError(alice.post("/v0/templates", noCreator), 400, "creator argument missing");
    }

    @Test
    void creatorMustBeTheCaller()
    {
        assertError(api.client("app", "app-key").post("/v0/templates", template("acl")), 401, "Invalid plan creator for authenticated app/user");
        assertThat(api.anonymous().post("/v0/templates", template("acl")).status()).isEqualTo(401);
        assertThat(api.anonymous().get("/v0/templates?name=acl").json()).isEmpty();
    }

    @Test
    void invalidJinjaIsRejectedWithWhereAndLine()
    {
        Map<String, Object> broken = template("broken");
        broken.put("content", Map.of("app", Map.of("email", Map.of("subject", "ok", "body", "line one\n{% if title %}unclosed"))));
        Response response = alice.post("/v0/templates", broken);
        assertError(response, 400, "Invalid jinja template");
        assertThat(response.json().get("description").asText()).startsWith("app/email body: ").contains("line");
        assertThat(api.anonymous().get("/v0/templates?name=broken").json()).isEmpty();
    }

    /**
     * Jinja refuses a tag, expression or comment that is never closed ("unexpected end of
     * template"); so does Iris when the template is saved.
     */
    @Test
    void unclosedDelimitersAreInvalidJinja()
    {
        for (String text : List.of("{{", "Disk {{ title is full", "{% if title %}x{% endif", "{# note", "ok }} {{ title }} {{ host")) {
            Map<String, Object> broken = template("unclosed");
            broken.put("content", Map.of("app", Map.of("email", Map.of("subject", text, "body", "b"))));
            Response response = alice.post("/v0/templates", broken);
            assertError(response, 400, "Invalid jinja template");
            assertThat(response.json().get("description").asText()).as(text).startsWith("app/email subject: ");
        }
        // Closed ones, text that only looks like a delimiter, and raw blocks are fine.
        for (String text : List.of("{{ title }} on {{ host }}", "{ not a tag }", "}} alone", "{% raw %}{{ literal{% endraw %}", "{%- if x -%}y{%- endif -%}")) {
            Map<String, Object> fine = template("closed");
            fine.put("content", Map.of("app", Map.of("email", Map.of("subject", text, "body", "b"))));
            assertThat(alice.post("/v0/templates", fine).status()).as(text).isEqualTo(201);
        }
    }

    @Test
    void unknownApplicationOrModeIsRejected()
    {
        Map<String, Object> unknownApp = template("unknown");
        unknownApp.put("content", Map.of("nope", Map.of("email", Map.of("subject", "", "body", "b"))));
        assertError(alice.post("/v0/templates", unknownApp), 400, "Invalid template");
        Map<String, Object> unknownMode = template("unknown");
        unknownMode.put("content", Map.of("app", Map.of("pigeon", Map.of("subject", "", "body", "b"))));
        assertError(alice.post("/v0/templates", unknownMode), 400, "Invalid template");
        Map<String, Object> malformed = template("unknown");
        malformed.put("content", "text");
        assertError(alice.post("/v0/templates", malformed), 400, "Invalid template");
    }

    @Test
    void activationAndSearch()
    {
        long id = create(template("test_template"));
        assertThat(alice.post("/v0/templates/" + id, Map.of("active", 0)).body()).isEqualTo("0");
        assertThat(api.anonymous().get("/v0/templates/test_template").status()).isEqualTo(404);
        assertError(alice.post("/v0/templates/" + id, Map.of("active", "sdfdsf")), 400, "Invalid active argument");
        assertError(alice.post("/v0/templates/" + id, Map.of()), 400, "Missing active argument");
        assertError(alice.post("/v0/templates/999999", Map.of("active", 1)), 400, "No template matched");

        create(template("test_template"));
        assertThat(api.anonymous().get("/v0/templates?name=test_template&creator=alice&active=0").json()).hasSize(1);
        assertThat(api.anonymous().get("/v0/templates?name=test_template&active=1").json()).hasSize(1);
        assertThat(api.anonymous().get("/v0/templates?name=test_template").json()).hasSize(2);
        JsonNode newest = api.anonymous().get("/v0/templates?limit=1&name=test_template&fields=id").json();
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).size()).isEqualTo(1);
        assertThat(newest.get(0).get("id").asLong()).isGreaterThan(id);

        assertThat(alice.post("/v0/templates/" + id, Map.of("active", 1)).body()).isEqualTo("1");
        assertThat(api.anonymous().get("/v0/templates/test_template").json().get("id").asLong()).isEqualTo(id);
    }
}
