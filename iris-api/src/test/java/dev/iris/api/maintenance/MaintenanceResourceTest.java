package dev.iris.api.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v0/maintenance}: opening a window for an application or a plan silences the incidents
 * triggered inside it (recorded, visible, no escalation work), ending it resumes them, every change
 * is in the window's events and the incident's timeline, and bad requests get Iris's error body.
 */
final class MaintenanceResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("shop", "shop-key", false, List.of("title"));
            seed.application("other", "other-key", false, List.of("title"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.template("tmpl", alice, application, List.of("email"), "subject", "body");
            seed.plan("shop-plan", alice, "plan", List.of(Notification.of(1, "user", alice, "high", "tmpl", 0, 60)), 0, 0, 0, 0);
        });
        app = api.client("shop", "shop-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    private static long trigger()
    {
        Response response = app.post("/v0/incidents", Map.of("plan", "shop-plan", "context", Map.of("title", "checkout down")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    private static long count(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> handle.select(sql, arguments).mapTo(Long.class).one());
    }

    @Test
    void incidentsTriggeredInsideAWindowAreSilencedAndResumeWhenItEnds()
    {
        Response opened = app.post("/v0/maintenance", Map.of("application", "shop", "duration", 3600, "reason", "deploying v2"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        long window = Long.parseLong(opened.body());

        JsonNode listed = api.anonymous().get("/v0/maintenance").json();
        assertThat(listed.findValuesAsText("id")).contains(String.valueOf(window));
        JsonNode detail = api.anonymous().get("/v0/maintenance/" + window).json();
        assertThat(detail.get("status").asText()).isEqualTo("in effect");
        assertThat(detail.get("creator").asText()).isEqualTo("shop");
        assertThat(detail.get("application").asText()).isEqualTo("shop");
        assertThat(detail.get("end").asLong() - detail.get("start").asLong()).isEqualTo(3600);
        assertThat(detail.get("events").findValuesAsText("kind")).containsExactly("created", "started");

        long incident = trigger();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by = ? AND active = 1", incident, window)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isZero();
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'silenced'", incident)).isEqualTo(1);
        // Recorded and visible through Iris's API as usual.
        assertThat(api.anonymous().get("/v0/incidents/" + incident).status()).isEqualTo(200);

        Response ended = app.post("/v0/maintenance/" + window + "/end", Map.of());
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().get("status").asText()).isEqualTo("ended");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by IS NULL AND active = 1", incident)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'unsilenced'", incident)).isEqualTo(1);
        assertThat(api.anonymous().get("/v0/maintenance/" + window).json().get("events").findValuesAsText("kind"))
                .containsExactly("created", "started", "ended early", "ended");
        assertError(app.post("/v0/maintenance/" + window + "/end", Map.of()), 400, "Maintenance window already ended");

        // After the window, incidents page again.
        long after = trigger();
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", after)).isEqualTo(1);
    }

    @Test
    void aScheduledWindowSilencesNothingBeforeItStartsAndCoversPlansByName()
    {
        long now = System.currentTimeMillis() / 1000;
        Response scheduled = app.post("/v0/maintenance", Map.of("plan", "shop-plan", "start", now + 3600, "end", now + 7200, "reason", "db migration"));
        assertThat(scheduled.status()).isEqualTo(201);
        long window = Long.parseLong(scheduled.body());
        assertThat(api.anonymous().get("/v0/maintenance/" + window).json().get("status").asText()).isEqualTo("scheduled");
        long incident = trigger();
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by IS NULL", incident)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isEqualTo(1);
        // Cancelling it before it starts is ending it early.
        assertThat(app.post("/v0/maintenance/" + window + "/end", Map.of()).status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v0/maintenance/" + window).json().get("events").findValuesAsText("description"))
                .contains("Cancelled before it started");
    }

    @Test
    void badRequestsGetIrisErrors()
    {
        assertError(app.post("/v0/maintenance", Map.of("duration", 60, "reason", "x")), 400, "Invalid maintenance window");
        assertError(app.post("/v0/maintenance", Map.of("application", "shop", "plan", "shop-plan", "duration", 60, "reason", "x")), 400,
                "Invalid maintenance window");
        assertError(app.post("/v0/maintenance", Map.of("application", "nope", "duration", 60, "reason", "x")), 400, "Invalid maintenance window",
                "No application named nope");
        assertError(app.post("/v0/maintenance", Map.of("application", "shop", "duration", 60)), 400, "Invalid maintenance window");
        assertError(app.post("/v0/maintenance", Map.of("application", "shop", "duration", 8 * 86400, "reason", "long")), 400,
                "Invalid maintenance window", "A window lasts at most 7 days");
        assertError(app.post("/v0/maintenance", Map.of("application", "shop", "reason", "no end")), 400, "Invalid maintenance window");
        assertThat(api.anonymous().get("/v0/maintenance/99999999").status()).isEqualTo(404);
        assertThat(api.anonymous().get("/v0/maintenance/abc").status()).isEqualTo(400);
        assertThat(api.anonymous().post("/v0/maintenance", Map.of("application", "shop", "duration", 60, "reason", "x")).status()).isEqualTo(401);
    }
}
