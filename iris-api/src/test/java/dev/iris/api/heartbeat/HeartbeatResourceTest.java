package dev.iris.api.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.heartbeat.HeartbeatChecker;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class HeartbeatResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient cron;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(ConfigOverride.config("heartbeatCheckSeconds", "0"));
        api.seed(seed -> {
            long app = seed.application("cron", "cron-key", false, List.of("title"));
            seed.application("other", "other-key", false, List.of("title"));
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            seed.template("page", owner, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("cron-down", owner, "", List.of(Notification.of(1, "user", owner, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> handle.execute("UPDATE application SET secondary_key = 'cron-secondary' WHERE name = 'cron'"));
        cron = api.client("cron", "cron-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void registerBeatMissAndRecoverOverHttp()
    {
        IrisTestClient.Response registered = cron.post("/v0/heartbeats", Map.of("name", "backup", "interval_seconds", 600, "plan", "cron-down"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Location")).endsWith("/v0/heartbeats/cron/backup");
        assertThat(registered.json().get("status").asText()).isEqualTo("waiting");

        IrisTestClient.Response beat = api.anonymous().post("/v0/heartbeats/cron/backup?key=cron-key", "");
        assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
        assertThat(beat.json().get("status").asText()).isEqualTo("ok");

        // Ten minutes and a second later with no beat: the checker opens an incident.
        List<Long> opened = api.instance(HeartbeatChecker.class).checkOnce(Instant.now().plusSeconds(601));
        assertThat(opened).hasSize(1);
        JsonNode missed = api.anonymous().get("/v0/heartbeats/cron/backup").json();
        assertThat(missed.get("status").asText()).isEqualTo("missed");
        assertThat(missed.get("incident_id").asLong()).isEqualTo(opened.get(0));

        // The secondary key works too, and the beat resolves the incident.
        IrisTestClient.Response recovered = api.anonymous().post("/v0/heartbeats/cron/backup?key=cron-secondary", "");
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        assertThat(recovered.json().get("status").asText()).isEqualTo("ok");
        String state = api.jdbi().withHandle(handle -> handle.createQuery("SELECT CONCAT(resolved, active) FROM incident WHERE id = :id")
                .bind("id", opened.get(0)).mapTo(String.class).one());
        assertThat(state).isEqualTo("10");
    }

    @Test
    void signedBeatNeedsNoKey()
    {
        cron.post("/v0/heartbeats", Map.of("name", "signed", "interval_seconds", 60, "plan", "cron-down"));

        assertThat(cron.post("/v0/heartbeats/cron/signed", "").status()).isEqualTo(200);
    }

    @Test
    void wrongOrMissingKeyIsRejected()
    {
        cron.post("/v0/heartbeats", Map.of("name", "guarded", "interval_seconds", 60, "plan", "cron-down"));

        IrisTestClient.Response wrong = api.anonymous().post("/v0/heartbeats/cron/guarded?key=other-key", "");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"title\":\"Authentication failure\"}");
        // Iris's webhooks answer a missing key as Falcon does for a missing required parameter.
        assertThat(api.anonymous().post("/v0/heartbeats/cron/guarded", "").status()).isEqualTo(400);
        // Another application's signature does not count for cron.
        assertThat(api.client("other", "other-key").post("/v0/heartbeats/cron/guarded", "").status()).isEqualTo(401);
    }

    @Test
    void unknownHeartbeatIs404()
    {
        IrisTestClient.Response response = api.anonymous().post("/v0/heartbeats/cron/nothing?key=cron-key", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("title").asText()).isEqualTo("Heartbeat not found");
    }

    @Test
    void registrationNeedsHmacAndValidInput()
    {
        assertThat(api.anonymous().post("/v0/heartbeats", Map.of("name", "x", "interval_seconds", 60, "plan", "cron-down")).status()).isEqualTo(401);

        IrisTestClient.Response noInterval = cron.post("/v0/heartbeats", Map.of("name", "x", "plan", "cron-down"));
        assertThat(noInterval.status()).isEqualTo(400);
        assertThat(noInterval.json().get("description").asText()).isEqualTo("interval_seconds is missing or not an integer");

        IrisTestClient.Response badPlan = cron.post("/v0/heartbeats", Map.of("name", "x", "interval_seconds", 60, "plan", "nope"));
        assertThat(badPlan.status()).isEqualTo(400);
        assertThat(badPlan.json().get("description").asText()).isEqualTo("No active plan named nope");

        assertThat(cron.post("/v0/heartbeats", "not json").status()).isEqualTo(400);
    }

    @Test
    void listAndDelete()
    {
        cron.post("/v0/heartbeats", Map.of("name", "to-delete", "interval_seconds", 60, "plan", "cron-down"));
        assertThat(api.anonymous().get("/v0/heartbeats?application=cron").json().findValuesAsText("name")).contains("to-delete");

        assertThat(cron.delete("/v0/heartbeats/cron/to-delete").status()).isEqualTo(204);
        assertThat(api.anonymous().get("/v0/heartbeats?application=cron").json().findValuesAsText("name")).doesNotContain("to-delete");
        assertThat(cron.delete("/v0/heartbeats/cron/to-delete").status()).isEqualTo(404);
    }
}
