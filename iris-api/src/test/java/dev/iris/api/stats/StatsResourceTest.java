package dev.iris.api.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class StatsResourceTest
{
    private static TestingIrisApi api;
    private static long plan;
    private static long monitor;
    private static long other;
    private static long alice;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            monitor = seed.application("monitor", "monitor-key", false, List.of("title"));
            other = seed.application("other", "other-key", false, List.of("title"));
            alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of());
            seed.template("page", alice, monitor, List.of("email"), "s", "b");
            plan = seed.plan("plan", alice, "", List.of(Notification.of(1, "user", alice, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> {
            // Statistics count what existed at each point (now rounded down to the hour).
            handle.execute("UPDATE plan SET created = NOW(3) - INTERVAL 10 DAY");
            // monitor, last week: claimed after 60 s, 600 s and 120 s; one still escalating.
            long first = incident(handle, monitor, 2 * 86400, 60, alice);
            incident(handle, monitor, 3 * 86400, 600, alice);
            incident(handle, monitor, 4 * 86400, 120, alice);
            incident(handle, monitor, 86400, 0, null);
            // monitor, just over three weeks ago; other, last week.
            incident(handle, monitor, 22 * 86400, 30, alice);
            incident(handle, other, 86400, 0, null);

            message(handle, first, "sms", "sent", "delivered", "high");
            message(handle, first, "sms", "sent", "delivered", "medium");
            message(handle, first, "sms", "sent", "undelivered", "medium");
            message(handle, first, "sms", "failed", null, "medium");
            message(handle, first, "call", "sent", "completed", "medium");
            message(handle, first, "call", "sent", "busy", "medium");
            message(handle, first, "email", "sent", null, "medium");
        });
    }

    private static long incident(Handle handle, long application, long secondsAgo, long claimedAfter, Long owner)
    {
        return handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, owner_id, application_id, current_step, active)
                        VALUES (:plan, NOW(3) - INTERVAL :ago SECOND, NOW(3) - INTERVAL :ago SECOND + INTERVAL :claim SECOND, '{}',
                                :owner, :app, 1, :active)""")
                .bind("plan", plan).bind("ago", secondsAgo).bind("claim", claimedAfter).bind("owner", owner)
                .bind("app", application).bind("active", owner == null)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void message(Handle handle, long incident, String mode, String status, String deliveryStatus, String priority)
    {
        handle.createUpdate("""
                        INSERT INTO message (created, sent, application_id, target_id, mode_id, plan_id, priority_id, incident_id,
                                             active, `status`, delivery_status, next_attempt_at)
                        SELECT NOW(3) - INTERVAL 1 DAY, IF(:status = 'sent', NOW(3) - INTERVAL 1 DAY, NULL), :app, :target, m.id, :plan, p.id,
                               :incident, 0, :status, :delivery, NOW(3)
                        FROM mode m, priority p WHERE m.name = :mode AND p.name = :priority""")
                .bind("status", status).bind("app", monitor).bind("target", alice).bind("plan", plan).bind("incident", incident)
                .bind("delivery", deliveryStatus).bind("mode", mode).bind("priority", priority)
                .execute();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void globalStatsCountIncidentsClaimsAndMedianTimeToClaim()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/stats");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode stats = response.json();
        String now = String.valueOf(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        assertThat(latest(stats, "total_incidents", now)).isEqualTo(6);
        assertThat(latest(stats, "total_incidents_last_week", now)).isEqualTo(5);
        assertThat(stats.get("pct_incidents_claimed_last_week").get(0).get(now).asDouble()).isEqualTo(60.0);
        assertThat(latest(stats, "median_seconds_to_claim_last_week", now)).isEqualTo(120);
        assertThat(latest(stats, "total_messages_sent_last_week", now)).isEqualTo(6);
        assertThat(latest(stats, "total_plans", now)).isEqualTo(1);
        assertThat(latest(stats, "total_active_users", now)).isEqualTo(2);
        assertThat(latest(stats, "total_applications", now)).isEqualTo(2);
        assertThat(latest(stats, "total_high_priority_incidents_last_week", now)).isEqualTo(1);
        // Seven weekly points; three weeks back only the oldest incident existed.
        assertThat(stats.get("total_incidents")).hasSize(7);
        String threeWeeksBack = String.valueOf(Long.parseLong(now) - 3 * 604800L);
        assertThat(stats.get("total_incidents").get(3).get(threeWeeksBack).asLong()).isEqualTo(1);
    }

    @Test
    void fieldsSelectStatistics()
    {
        JsonNode stats = api.anonymous().get("/v0/stats?fields=total_plans,total_incidents").json();

        assertThat(stats.size()).isEqualTo(2);
        assertThat(stats.has("total_plans")).isTrue();
        assertThat(stats.has("total_incidents")).isTrue();
    }

    @Test
    void applicationStatsReportDeliveryOutcomePerMode()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/monitor/stats");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode stats = response.json();
        String now = String.valueOf(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        assertThat(latest(stats, "total_incidents_last_week", now)).isEqualTo(4);
        assertThat(stats.get("pct_incidents_claimed_last_week").get(0).get(now).asDouble()).isEqualTo(75.0);
        assertThat(latest(stats, "median_seconds_to_claim_last_week", now)).isEqualTo(120);
        assertThat(stats.get("pct_sms_success_last_week").get(0).get(now).asDouble()).isEqualTo(50.0);
        assertThat(stats.get("pct_sms_fail_last_week").get(0).get(now).asDouble()).isEqualTo(50.0);
        assertThat(stats.get("pct_call_success_last_week").get(0).get(now).asDouble()).isEqualTo(50.0);
        assertThat(stats.get("pct_call_other_last_week").get(0).get(now).asDouble()).isEqualTo(50.0);
        assertThat(stats.get("pct_email_success_last_week").get(0).get(now).asDouble()).isEqualTo(100.0);
        assertThat(stats.get("pct_slack_success_last_week").get(0).get(now).isNull()).isTrue();
        assertThat(latest(stats, "total_sms_sent_last_week", now)).isEqualTo(3);
        assertThat(latest(stats, "high_priority_incidents_last_week", now)).isEqualTo(1);
    }

    @Test
    void unknownApplicationIs400()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/nope/stats");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Application nope not found");
    }

    @Test
    void singleStatBreaksDownPerApplicationLargestFirst()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/singlestats/total_incidents_last_week");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String now = String.valueOf(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        // Iris's shape: a list, newest first, of one-key objects {timestamp: [{application: value}]}.
        JsonNode points = response.json();
        assertThat(points.isArray()).isTrue();
        assertThat(points).hasSize(7);
        assertThat(points.get(0).size()).isEqualTo(1);
        JsonNode latest = points.get(0).get(now);
        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).get("monitor").asLong()).isEqualTo(4);
        assertThat(latest.get(1).get("other").asLong()).isEqualTo(1);
        assertThat(points.get(1).fieldNames().next()).isEqualTo(String.valueOf(Long.parseLong(now) - 604_800));
    }

    @Test
    void singleStatClaimedPercentageAndHighPriority()
    {
        String now = String.valueOf(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        JsonNode claimed = api.anonymous().get("/v0/singlestats/pct_incidents_claimed_last_week").json().get(0).get(now);
        assertThat(claimed.get(0).get("monitor").asDouble()).isEqualTo(75.0);
        assertThat(claimed.get(1).get("other").asDouble()).isEqualTo(0.0);
        JsonNode high = api.anonymous().get("/v0/singlestats/high_priority_incidents_last_week").json().get(0).get(now);
        assertThat(high).hasSize(1);
        assertThat(high.get(0).get("monitor").asLong()).isEqualTo(1);
    }

    @Test
    void unknownSingleStatIs400NamingTheValidOnes()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/singlestats/drop_tables");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Stat drop_tables not found");
        assertThat(response.json().get("description").asText()).contains("total_incidents", "pct_incidents_claimed_last_week");
    }

    private static long latest(JsonNode stats, String name, String now)
    {
        JsonNode series = stats.get(name);
        assertThat(series).as(name).isNotNull();
        assertThat(series.get(0).has(now)).as(name + " first point is " + now).isTrue();
        return series.get(0).get(now).asLong();
    }
}
