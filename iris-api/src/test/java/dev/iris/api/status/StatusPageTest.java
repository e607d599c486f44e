package dev.iris.api.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.ApiFixtures;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.incident.ClaimService;
import dev.iris.testing.seed.SeedWriter.Notification;
import dev.iris.core.status.StatusRecorder;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page end to end through the API: a webhook alert turns a mapped component red with
 * no human action, a public update shows, nothing internal reaches the public answers, resolving
 * turns it green; state changes and reminders are written once; subscriptions; postmortems.
 */
final class StatusPageTest
{
    /** Internal words of the incident that must never reach a public answer. */
    private static final List<String> INTERNAL = List.of("web-oncall", "prometheus", "owner", "HighLatency", "web-1", "hunter2",
            "db-primary", "runbooks.example.com", "alertmanager", "iris_plan");

    private static TestingIrisApi api;
    private static IrisTestClient root;
    private static IrisTestClient owner;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(
                ConfigOverride.config("heartbeatCheckSeconds", "0"),
                ConfigOverride.config("status.recordSeconds", "0"),
                ConfigOverride.config("status.holdDown", "0 seconds"),
                ConfigOverride.config("status.reminderAfter", "10 minutes"),
                ConfigOverride.config("status.publicUrl", "https://status.example.com"),
                ConfigOverride.config("status.title", "Example status"));
        api.seed(seed -> {
            ApiFixtures.trustedApplication(seed);
            seed.application("iris", "iris-key", false, List.of());
            long ownerId = seed.user("owner", false, Map.of("email", "owner@example.com"));
            seed.user("root", true, Map.of("email", "root@example.com"));
            long app = seed.application("prometheus", "prometheus-key", false, List.of("title"));
            seed.template("page-web", ownerId, app, List.of("email"), "alert", "alert");
            seed.plan("web-oncall", ownerId, "", List.of(Notification.of(1, "user", ownerId, "high", "page-web", 2, 300)), 0, 0, 0, 0);
        });
        root = ApiFixtures.trustedClient(api).as("root");
        owner = ApiFixtures.trustedClient(api).as("owner");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void webhookAlertTurnsTheComponentRedPublicUpdateShowsNothingLeaksResolveTurnsItGreen()
    {
        IrisTestClient.Response created = root.post("/v0/status/components",
                Map.of("name", "Web API", "description", "The public REST API", "display_order", 1, "feeds", List.of("label:job=web")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int component = created.json().get("id").asInt();
        assertThat(root.post("/v0/status/components", Map.of("name", "Login", "display_order", 2, "feeds", List.of("application:login-app"))).status()).isEqualTo(201);

        JsonNode calm = summary();
        assertThat(calm.at("/status/indicator").asText()).isEqualTo("none");
        assertThat(states(calm)).containsExactly("Web API=operational", "Login=operational");

        assertThat(alert("firing").status()).isEqualTo(201);
        long incident = api.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM incident").mapTo(Long.class).one());
        JsonNode red = summary();
        assertThat(states(red)).containsExactly("Web API=major_outage", "Login=operational");
        assertThat(red.at("/status/indicator").asText()).isEqualTo("critical");
        assertThat(api.anonymous().get("/status").body()).contains("Our monitoring shows a problem with Web API");

        // Recorded once, however many nodes record: the second pass finds it written.
        StatusRecorder recorder = api.instance(StatusRecorder.class);
        assertThat(recorder.recordOnce(Instant.now()).changes()).containsExactly("Web API major_outage");
        assertThat(recorder.recordOnce(Instant.now()).changes()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM status_state_change WHERE component_id = " + component)).isEqualTo(1);

        // No public update after the reminder delay: the owner (here the plan's creator) is reminded, once.
        Instant later = Instant.now().plus(Duration.ofMinutes(11));
        assertThat(recorder.recordOnce(later).reminded()).containsExactly(incident);
        assertThat(recorder.recordOnce(later).reminded()).isEmpty();
        assertThat(count("""
                SELECT COUNT(*) FROM message m JOIN target t ON t.id = m.target_id
                WHERE t.name = 'owner' AND m.subject LIKE '%please post a public status update%' AND m.status = 'queued'""")).isEqualTo(1);

        assertError(owner.post("/v0/status/incidents/" + incident + "/updates", Map.of("status", "investigating", "text", "x")), 400, "Missing title");
        assertError(owner.post("/v0/status/incidents/" + incident + "/updates", Map.of("status", "panicking", "text", "x", "title", "t")), 400, "Invalid status");
        IrisTestClient.Response posted = owner.post("/v0/status/incidents/" + incident + "/updates", Map.of("status", "investigating",
                "title", "Slow responses from the Web API", "text", "We are investigating slow responses from the Web API."));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);

        IrisTestClient.Response page = api.anonymous().get("/status");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Slow responses from the Web API", "We are investigating slow responses from the Web API.",
                "Major outage", "Major Service Outage").doesNotContain("<script");
        assertThat(page.header("Cache-Control")).contains("max-age=10");
        IrisTestClient.Response feed = api.anonymous().get("/status/feed.atom");
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "Slow responses from the Web API: investigating");
        JsonNode summary = summary();
        assertThat(summary.at("/incidents/0/name").asText()).isEqualTo("Slow responses from the Web API");
        assertThat(summary.at("/incidents/0/incident_updates/0/body").asText()).isEqualTo("We are investigating slow responses from the Web API.");
        assertThat(summary.at("/incidents/0/components/0/name").asText()).isEqualTo("Web API");
        for (String body : List.of(page.body(), feed.body(), summary.toString(), api.anonymous().get("/status/incidents/" + incident).body())) {
            for (String word : INTERNAL) {
                assertThat(body).as("public answer leaks " + word).doesNotContain(word);
            }
        }

        // Cacheable: the same page again is 304 by its ETag.
        String etag = page.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(api.anonymous().withHeader("If-None-Match", etag).get("/status").status()).isEqualTo(304);

        // A claim keeps it red (the outage goes on); the resolved alert turns it green.
        api.instance(ClaimService.class).claim(incident, "owner");
        assertThat(states(summary())).containsExactly("Web API=major_outage", "Login=operational");
        assertThat(alert("resolved").status()).isEqualTo(200);
        assertThat(states(summary())).containsExactly("Web API=operational", "Login=operational");
        owner.post("/v0/status/incidents/" + incident + "/updates", Map.of("status", "resolved", "text", "Response times are back to normal."));
        assertThat(summary().get("incidents")).isEmpty();
        assertThat(api.anonymous().get("/status").body()).contains("Past incidents", "Response times are back to normal.");

        // Postmortem: the draft holds the real timeline; publishing drops the internal sections.
        IrisTestClient.Response drafted = owner.post("/v0/status/postmortems", Map.of("incidents", List.of(incident)));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        long postmortem = drafted.json().get("id").asLong();
        String markdown = owner.get("/v0/status/postmortems/" + postmortem).json().get("markdown").asText();
        assertThat(markdown).contains("## Apology", "## What happened", "## Remediation", "## Action items (internal)",
                "Incident " + incident + " triggered by prometheus", "Responder owner claimed the incident",
                "Public update (investigating): We are investigating", "Resolved by webhook:alertmanager", "| " + incident + " | ");
        assertThat(markdown.indexOf("triggered by")).isLessThan(markdown.indexOf("claimed the incident"));
        IrisTestClient.Response export = owner.get("/v0/status/postmortems/" + postmortem + "/markdown");
        assertThat(export.header("Content-Disposition")).contains("postmortem-" + postmortem + ".md");
        assertThat(export.body()).isEqualTo(markdown);

        String leaky = markdown.replace("## Remediation", "The plan web-oncall paged too late.\n\n## Remediation");
        assertThat(owner.put("/v0/status/postmortems/" + postmortem, Map.of("markdown", leaky)).json().get("version").asInt()).isEqualTo(2);
        assertError(owner.post("/v0/status/postmortems/" + postmortem + "/publish", "{}"), 400, "Internal name in the public part");
        String fixed = markdown.replace("## Remediation", "Paging started later than it should have.\n\n## Remediation");
        assertThat(owner.put("/v0/status/postmortems/" + postmortem, Map.of("markdown", fixed)).json().get("version").asInt()).isEqualTo(3);
        assertThat(owner.post("/v0/status/postmortems/" + postmortem + "/publish", "{}").status()).isEqualTo(204);
        String published = api.anonymous().get("/status/postmortems/" + postmortem).body();
        assertThat(published).contains("Apology", "Paging started later than it should have.").doesNotContain("Timeline", "owner", "prometheus");
        assertThat(api.anonymous().get("/status").body()).contains("/status/postmortems/" + postmortem);
    }

    @Test
    void overrideWinsAndIsShownWithItsReason()
    {
        int id = root.post("/v0/status/components", Map.of("name", "Billing", "feeds", List.of("plan:billing"))).json().get("id").asInt();
        assertThat(owner.put("/v0/status/components/" + id + "/override",
                Map.of("status", "partial_outage", "reason", "Card payments fail at our bank; we are in contact with them.")).status()).isEqualTo(204);
        assertThat(states(summary())).contains("Billing=partial_outage");
        JsonNode admin = root.get("/v0/status/components").json();
        JsonNode billing = null;
        for (JsonNode node : admin) {
            if (node.get("name").asText().equals("Billing")) {
                billing = node;
            }
        }
        assertThat(billing.get("automatic_status").asText()).isEqualTo("operational");
        assertThat(billing.at("/override/author").asText()).isEqualTo("owner");
        String page = api.anonymous().get("/status").body();
        assertThat(page).contains("Card payments fail at our bank").doesNotContain(">owner<");
        assertThat(owner.delete("/v0/status/components/" + id + "/override").status()).isEqualTo(204);
        assertThat(states(summary())).contains("Billing=operational");
        assertThat(root.delete("/v0/status/components/" + id).status()).isEqualTo(204);
    }

    @Test
    void badInputIsAClearFourHundredAndComponentsAreForAdmins()
    {
        assertError(owner.post("/v0/status/components", Map.of("name", "X")), 403, "Admins only");
        assertError(root.post("/v0/status/components", Map.of("name", "X", "feeds", List.of("color:blue"))), 400, "Invalid feed");
        assertError(root.post("/v0/status/components", Map.of("name", "X", "feeds", List.of("label:nokey"))), 400, "Invalid feed");
        assertError(root.post("/v0/status/components", "not json"), 400, "Invalid JSON");
        assertError(root.put("/v0/status/components/99999", Map.of("name", "X")), 404, "Component not found");
        assertError(owner.put("/v0/status/components/99999/override", Map.of("status", "sunny", "reason", "x")), 400, "Invalid state");
        assertThat(api.anonymous().get("/v0/status/components").status()).isEqualTo(401);
        assertError(owner.post("/v0/status/postmortems", Map.of("incidents", List.of(987654))), 404, "Incident not found");
        assertThat(form("/status/subscriptions", "email=nonsense").status()).isEqualTo(400);
    }

    @Test
    void subscribersConfirmAndThenGetUpdatesByEmail()
    {
        assertThat(form("/status/subscriptions", "email=" + URLEncoder.encode("Fan@Example.com", StandardCharsets.UTF_8)).body())
                .contains("confirmation link");
        assertThat(count("SELECT COUNT(*) FROM message WHERE destination = 'fan@example.com' AND subject LIKE 'Confirm your subscription%'"))
                .isEqualTo(1);
        String token = api.jdbi().withHandle(h -> h.createQuery("SELECT token FROM status_subscription WHERE email = 'fan@example.com'")
                .mapTo(String.class).one());
        assertThat(api.anonymous().get("/status/subscriptions/confirm?token=" + token).body()).contains("Confirm my subscription");
        assertThat(count("SELECT COUNT(*) FROM status_subscription WHERE confirmed = 1")).isZero();
        assertThat(form("/status/subscriptions/confirm", "token=" + token).body()).contains("Subscribed");
        int id = root.post("/v0/status/components", Map.of("name", "Mail", "feeds", List.of("plan:mail"))).json().get("id").asInt();
        owner.put("/v0/status/components/" + id + "/override", Map.of("status", "major_outage", "reason", "Mail is down."));
        api.instance(StatusRecorder.class).recordOnce(Instant.now());
        assertThat(count("SELECT COUNT(*) FROM message WHERE destination = 'fan@example.com' AND subject = '[Example status] Mail: Major outage'"))
                .isEqualTo(1);
        String body = api.jdbi().withHandle(h -> h.createQuery("SELECT body FROM message WHERE subject = '[Example status] Mail: Major outage'")
                .mapTo(String.class).one());
        assertThat(body).contains("https://status.example.com/status/subscriptions/unsubscribe?token=" + token);
        assertThat(form("/status/subscriptions/unsubscribe", "token=" + token).body()).contains("Unsubscribed");
        assertThat(form("/status/subscriptions/unsubscribe", "token=" + token).status()).isEqualTo(404);
        root.delete("/v0/status/components/" + id);
    }

    private static IrisTestClient.Response alert(String status)
    {
        String body = """
                {"receiver": "iris", "status": "%s", "version": "4",
                 "groupKey": "{}:{alertname=\\"HighLatency\\"}",
                 "groupLabels": {"alertname": "HighLatency", "iris_plan": "web-oncall"},
                 "commonLabels": {"alertname": "HighLatency", "job": "web", "severity": "page", "iris_plan": "web-oncall"},
                 "commonAnnotations": {"summary": "db-primary password hunter2 rejected", "runbook_url": "https://runbooks.example.com/x"},
                 "alerts": [{"status": "%s", "labels": {"alertname": "HighLatency", "instance": "web-1:9100", "job": "web", "severity": "page"}}]}
                """.formatted(status, status);
        return api.anonymous().post("/v0/webhooks/alertmanager?application=prometheus&key=prometheus-key", body);
    }

    private static IrisTestClient.Response form(String path, String body)
    {
        return PublicForms.post(api, path, body);
    }

    private static JsonNode summary()
    {
        IrisTestClient.Response response = api.anonymous().get("/status/api/v2/summary.json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> states(JsonNode summary)
    {
        return java.util.stream.StreamSupport.stream(summary.get("components").spliterator(), false)
                .map(c -> c.get("name").asText() + "=" + c.get("status").asText()).toList();
    }

    private static long count(String sql)
    {
        return api.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
