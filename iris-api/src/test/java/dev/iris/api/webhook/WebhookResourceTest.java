package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Alertmanager and Grafana payloads through HTTP: one incident per alert group, repeats
 * absorbed, resolved notifications resolve the incident and stop its escalation.
 */
final class WebhookResourceTest
{
    private static final int RATE = 20;

    private static TestingIrisApi api;
    private static IrisTestClient anonymous;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(
                ConfigOverride.config("webhooks.requestsPerMinute", String.valueOf(RATE)),
                ConfigOverride.config("webhooks.maxBodyBytes", "65536"),
                ConfigOverride.config("heartbeatCheckSeconds", "0"));
        api.seed(seed -> {
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            for (String name : List.of("prometheus", "grafana", "generic", "noisy", "other", "ha")) {
                long app = seed.application(name, name + "-key", false, List.of("title"));
                seed.template("page-" + name, owner, app, List.of("email"), "alert", "alert");
                seed.plan("plan-" + name, owner, "", List.of(Notification.of(1, "user", owner, "high", "page-" + name, 2, 300)), 0, 0, 0, 0);
            }
            seed.plan("web-oncall", owner, "", List.of(Notification.of(1, "user", owner, "high", "page-prometheus", 2, 300)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> handle.execute("UPDATE application SET secondary_key = 'grafana-secondary' WHERE name = 'grafana'"));
        anonymous = api.anonymous();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void alertmanagerFiringRepeatedResolvedIsOneIncidentResolvedWithEscalationStopped()
    {
        IrisTestClient.Response firing = post("alertmanager", "prometheus", "prometheus-key", "", Fixtures.text("alertmanager-firing.json"));
        assertThat(firing.status()).as(firing.toString()).isEqualTo(201);
        assertThat(firing.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("created");
        long incident = Long.parseLong(firing.body());
        assertThat(state(incident)).isEqualTo("active=1 resolved=0 work=1 repeats=0 plan=web-oncall");

        // Alertmanager sends the group again (group_interval, repeat_interval, HA peers): absorbed.
        for (String repeat : List.of("alertmanager-firing.json", "alertmanager-repeat.json")) {
            IrisTestClient.Response again = post("alertmanager", "prometheus", "prometheus-key", "", Fixtures.text(repeat));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("deduplicated");
            assertThat(Long.parseLong(again.body())).isEqualTo(incident);
        }
        assertThat(state(incident)).isEqualTo("active=1 resolved=0 work=1 repeats=2 plan=web-oncall");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE application_id = (SELECT id FROM application WHERE name = 'prometheus')")).isEqualTo(1);

        // A page is waiting to go out when the resolved notification arrives.
        queueMessage(incident);
        IrisTestClient.Response resolved = post("alertmanager", "prometheus", "prometheus-key", "", Fixtures.text("alertmanager-resolved.json"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("resolved");
        assertThat(state(incident)).isEqualTo("active=0 resolved=1 work=0 repeats=2 plan=web-oncall");
        assertThat(text("SELECT `status` FROM message WHERE incident_id = " + incident)).isEqualTo("cancelled");
        assertThat(texts("SELECT kind FROM incident_event WHERE incident_id = " + incident + " ORDER BY id"))
                .containsExactly("created", "deduplicated", "deduplicated", "resolved");

        // The resolved notification repeated: nothing open, nothing done.
        IrisTestClient.Response late = post("alertmanager", "prometheus", "prometheus-key", "", Fixtures.text("alertmanager-resolved.json"));
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("ignored");

        // The same group firing again later is a new incident.
        IrisTestClient.Response refiring = post("alertmanager", "prometheus", "prometheus-key", "", Fixtures.text("alertmanager-firing.json"));
        assertThat(refiring.status()).isEqualTo(201);
        assertThat(Long.parseLong(refiring.body())).isNotEqualTo(incident);
    }

    /**
     * Iris's answer: 201, the bare incident id, {@code Location: /incidents/<id>}. Deduplication
     * answers 200 with the open incident's id; the action is in a header Iris clients ignore.
     */
    @Test
    void answersWithIrisBodyAndLocationAndTheActionInAHeader()
    {
        String query = "&plan=plan-generic&dedup_key=wire-1";
        IrisTestClient.Response created = post("generic", "generic", "generic-key", query, "{\"state\": \"down\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).matches("[0-9]+");
        long incident = Long.parseLong(created.body());
        assertThat(created.header("Location")).isEqualTo("/incidents/" + incident);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("created");

        IrisTestClient.Response repeat = post("generic", "generic", "generic-key", query, "{\"state\": \"down\"}");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(String.valueOf(incident));
        assertThat(repeat.header("Location")).isEqualTo("/incidents/" + incident);
        assertThat(repeat.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("deduplicated");

        IrisTestClient.Response resolved = post("generic", "generic", "generic-key", query + "&action=resolved", "{}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body()).isEqualTo(String.valueOf(incident));
        assertThat(resolved.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("resolved");

        IrisTestClient.Response ignored = post("generic", "generic", "generic-key", query + "&action=resolved", "{}");
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.body()).isEqualTo("null");
        assertThat(ignored.header("Location")).isNull();
        assertThat(ignored.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("ignored");
    }

    /**
     * Iris's Rackspace and Freshping webhooks: the plan from the query, Iris's required attributes,
     * a new incident for every notification.
     */
    @Test
    void rackspaceAndFreshpingOpenAnIncidentPerNotification()
    {
        String rackspace = "{\"event_id\": \"acOne:enOne:alOne:chOne:1326910500000:WARNING\", \"details\": {\"state\": \"WARNING\"}}";
        IrisTestClient.Response first = post("rackspace", "other", "other-key", "&plan=plan-other", rackspace);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        IrisTestClient.Response second = post("rackspace", "other", "other-key", "&plan=plan-other", rackspace);
        assertThat(second.status()).isEqualTo(201);
        assertThat(Long.parseLong(second.body())).isNotEqualTo(Long.parseLong(first.body()));
        assertThat(text("SELECT context FROM incident WHERE id = " + first.body())).contains("acOne:enOne:alOne:chOne:1326910500000:WARNING");
        assertThat(post("rackspace", "other", "other-key", "", rackspace).body())
                .isEqualTo("{\"title\":\"missing plan in rackspace webhook url parameters\",\"description\":\"plan query parameter is missing\"}");
        assertThat(post("rackspace", "other", "other-key", "&plan=plan-other", "{\"event_id\": \"x\"}").json().get("title").asText())
                .isEqualTo("missing event_id and/or details attributes");

        String freshping = "{\"title\": \"<b>api</b> is DOWN\", \"description\": \"<p>down</p>\", \"tags\": [], \"ticket_id\": 7}";
        IrisTestClient.Response down = post("freshping", "other", "other-key", "&plan=plan-other", freshping);
        assertThat(down.status()).as(down.toString()).isEqualTo(201);
        assertThat(text("SELECT context FROM incident WHERE id = " + down.body())).contains("<b>api</b> is DOWN");
        assertThat(post("freshping", "other", "other-key", "&plan=plan-other", "{\"title\": \"x\"}").json().get("title").asText())
                .isEqualTo("missing channel name attributes");
        assertThat(post("freshping", "other", "other-key", "", freshping).body())
                .isEqualTo("{\"title\":\"Missing parameter\",\"description\":\"The \\\"plan\\\" parameter is required.\"}");
    }

    @Test
    void concurrentCopiesOfOneAlertOpenOneIncident()
            throws Exception
    {
        // Alertmanager HA peers deliver the same notification at once.
        int copies = 8;
        ExecutorService executor = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IrisTestClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                responses.add(executor.submit(() -> {
                    start.await();
                    return post("generic", "ha", "ha-key", "&plan=plan-ha&dedup_key=same-alert", "{\"alert\": \"db down\"}");
                }));
            }
            start.countDown();
            List<String> actions = new ArrayList<>();
            for (Future<IrisTestClient.Response> response : responses) {
                actions.add(response.get(60, TimeUnit.SECONDS).header("X-IRIS-WEBHOOK-ACTION"));
            }
            assertThat(actions).containsOnlyOnce("created").filteredOn("deduplicated"::equals).hasSize(copies - 1);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM incident WHERE application_id = (SELECT id FROM application WHERE name = 'ha')")).isEqualTo(1);
        assertThat(count("SELECT dedup_count FROM incident WHERE application_id = (SELECT id FROM application WHERE name = 'ha')")).isEqualTo(copies - 1);
    }

    @Test
    void grafanaUnifiedAlertWithTheSecondaryKey()
    {
        IrisTestClient.Response firing = post("grafana", "grafana", "grafana-secondary", "&plan=plan-grafana", Fixtures.text("grafana-firing.json"));
        assertThat(firing.status()).as(firing.toString()).isEqualTo(201);
        long incident = Long.parseLong(firing.body());

        IrisTestClient.Response repeat = post("grafana", "grafana", "grafana-key", "&plan=plan-grafana", Fixtures.text("grafana-firing.json"));
        assertThat(repeat.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("deduplicated");
        assertThat(Long.parseLong(repeat.body())).isEqualTo(incident);

        IrisTestClient.Response resolved = post("grafana", "grafana", "grafana-key", "&plan=plan-grafana", Fixtures.text("grafana-resolved.json"));
        assertThat(resolved.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("resolved");
        assertThat(state(incident)).isEqualTo("active=0 resolved=1 work=0 repeats=1 plan=plan-grafana");
        // The whole payload is the context, as Iris stores webhook payloads.
        assertThat(text("SELECT context FROM incident WHERE id = " + incident)).contains("DiskFull", "\"fingerprint\":\"57c6d9296de2ad39\"");
    }

    @Test
    void grafanaLegacyAlertingThenOk()
    {
        IrisTestClient.Response alerting = post("grafana", "grafana", "grafana-key", "&plan=plan-grafana", Fixtures.text("grafana-legacy-alerting.json"));
        assertThat(alerting.status()).as(alerting.toString()).isEqualTo(201);
        long incident = Long.parseLong(alerting.body());

        IrisTestClient.Response ok = post("grafana", "grafana", "grafana-key", "&plan=plan-grafana", Fixtures.text("grafana-legacy-ok.json"));
        assertThat(ok.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("resolved");
        assertThat(Long.parseLong(ok.body())).isEqualTo(incident);
    }

    @Test
    void genericWebhookWithJsonPointers()
    {
        String query = "&plan=plan-generic&dedup_path=/check/id&action_path=/check/state";
        IrisTestClient.Response down = post("generic", "generic", "generic-key", query, "{\"check\": {\"id\": \"db-1\", \"state\": \"down\"}}");
        assertThat(down.status()).as(down.toString()).isEqualTo(201);
        long incident = Long.parseLong(down.body());

        IrisTestClient.Response up = post("generic", "generic", "generic-key", query, "{\"check\": {\"id\": \"db-1\", \"state\": \"resolved\"}}");
        assertThat(up.header("X-IRIS-WEBHOOK-ACTION")).isEqualTo("resolved");
        assertThat(Long.parseLong(up.body())).isEqualTo(incident);
    }

    @Test
    void authenticationFailuresAre401WithoutEchoingKeys()
    {
        IrisTestClient.Response wrongKey = post("alertmanager", "prometheus", "other-key", "", Fixtures.text("alertmanager-firing.json"));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body()).doesNotContain("other-key", "prometheus-key");

        assertThat(wrongKey.body()).isEqualTo("{\"title\":\"Authentication failure\"}");

        IrisTestClient.Response unknown = post("alertmanager", "nosuchapp", "any", "", Fixtures.text("alertmanager-firing.json"));
        assertThat(unknown.body()).isEqualTo("{\"title\":\"Authentication failure\",\"description\":\"Application not found\"}");
        assertThat(unknown.status()).isEqualTo(401);

        // Iris's webhooks require both parameters: Falcon's 400 for a missing one.
        IrisTestClient.Response noApplication = anonymous.post("/v0/webhooks/alertmanager?key=prometheus-key", Fixtures.text("alertmanager-firing.json"));
        assertThat(noApplication.status()).isEqualTo(400);
        assertThat(noApplication.body()).isEqualTo("{\"title\":\"Missing parameter\",\"description\":\"The \\\"application\\\" parameter is required.\"}");

        IrisTestClient.Response noKey = anonymous.post("/v0/webhooks/alertmanager?application=prometheus", Fixtures.text("alertmanager-firing.json"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("description").asText()).isEqualTo("The \"key\" parameter is required.");
    }

    @Test
    void badPayloadsAre400NamingWhatIsMissing()
    {
        IrisTestClient.Response notJson = post("alertmanager", "other", "other-key", "", "this is not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("description").asText()).isEqualTo("The body is not valid JSON");

        // Iris's titles; the descriptions say exactly what is wrong.
        IrisTestClient.Response noAlerts = post("alertmanager", "other", "other-key", "", "{\"version\": \"4\", \"status\": \"firing\"}");
        assertThat(noAlerts.status()).isEqualTo(400);
        assertThat(noAlerts.body()).isEqualTo("{\"title\":\"missing version, status and/or alert attributes\",\"description\":\"alerts is missing or not a list\"}");
        IrisTestClient.Response noPlanLabel = post("alertmanager", "other", "other-key", "", "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [], \"groupLabels\": {}}");
        assertThat(noPlanLabel.json().get("title").asText()).isEqualTo("missing iris_plan in group labels");
        IrisTestClient.Response legacy = post("grafana", "other", "other-key", "&plan=plan-other", "{\"state\": \"alerting\"}");
        assertThat(legacy.json().get("title").asText()).isEqualTo("missing ruleName and/of state attributes");

        IrisTestClient.Response noPlan = post("grafana", "other", "other-key", "", Fixtures.text("grafana-firing.json"));
        assertThat(noPlan.status()).isEqualTo(400);
        assertThat(noPlan.body()).isEqualTo("{\"title\":\"Missing parameter\",\"description\":\"The \\\"plan\\\" parameter is required.\"}");

        // Iris measures the payload as its JSON encoder writes it ("/" as two characters).
        IrisTestClient.Response tooLong = post("alertmanager", "other", "other-key", "&plan=plan-other",
                "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [], \"path\": \"" + "/".repeat(40_000) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("title").asText()).isEqualTo("Context too long, must be < 65535 characters");

        IrisTestClient.Response unknownPlan = post("grafana", "other", "other-key", "&plan=nope", Fixtures.text("grafana-firing.json"));
        assertThat(unknownPlan.status()).isEqualTo(404);
        assertThat(unknownPlan.json().get("description").asText()).isEqualTo("No active plan named nope");

        // A plan without templates for this application cannot page anybody.
        IrisTestClient.Response noTemplate = post("grafana", "other", "other-key", "&plan=plan-generic", Fixtures.text("grafana-firing.json"));
        assertThat(noTemplate.status()).isEqualTo(400);
        assertThat(noTemplate.json().get("title").asText()).isEqualTo("No plan template actions exist for this app");

        assertThat(post("pagerduty", "other", "other-key", "", "{}").status()).isEqualTo(404);
    }

    @Test
    void bodiesOverTheLimitAre413()
    {
        String huge = "{\"padding\": \"" + "x".repeat(70_000) + "\"}";

        IrisTestClient.Response response = post("generic", "other", "other-key", "&plan=plan-other", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("title").asText()).isEqualTo("Request body too large");
    }

    @Test
    void applicationOverItsRateGets429WithRetryAfter()
    {
        // The bucket refills one token every 60/RATE seconds of real time, so a slow machine may
        // get a few more through; the limit must bite well before twice the rate.
        int accepted = 0;
        IrisTestClient.Response limited = null;
        for (int i = 0; i < 2 * RATE && limited == null; i++) {
            IrisTestClient.Response response = post("generic", "noisy", "noisy-key", "&plan=plan-noisy&dedup_key=same", "{\"n\": " + i + "}");
            if (response.status() == 429) {
                limited = response;
            }
            else {
                assertThat(response.status()).as(response.toString()).isIn(200, 201);
                accepted++;
            }
        }

        assertThat(limited).as("no 429 after " + accepted + " requests").isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(RATE);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.json().get("title").asText()).isEqualTo("Too many requests");
        // Other applications are not limited by noisy's traffic.
        assertThat(post("generic", "other", "other-key", "&plan=plan-other&dedup_key=k", "{}").status()).isEqualTo(201);
    }

    private static IrisTestClient.Response post(String webhook, String application, String key, String extraQuery, String body)
    {
        return anonymous.post("/v0/webhooks/" + webhook + "?application=" + application + "&key=" + key + extraQuery, body);
    }

    private static String state(long incident)
    {
        return text("""
                SELECT CONCAT('active=', i.active, ' resolved=', i.resolved,
                              ' work=', (SELECT COUNT(*) FROM escalation_work w WHERE w.incident_id = i.id),
                              ' repeats=', i.dedup_count, ' plan=', p.name)
                FROM incident i JOIN plan p ON p.id = i.plan_id WHERE i.id = """ + incident);
    }

    private static void queueMessage(long incident)
    {
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, incident_id, active, `status`, next_attempt_at)
                SELECT NOW(3), application_id, id, 1, 'queued', NOW(3) FROM incident WHERE id = ?""", incident));
    }

    private static String text(String sql)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).one());
    }

    private static List<String> texts(String sql)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
    }

    private static long count(String sql)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
