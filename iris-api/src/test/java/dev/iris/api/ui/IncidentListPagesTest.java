package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident list and the incident buttons over plain HTTP: which incidents each state shows,
 * and that the UI's "Mark resolved" stops paging through the same path as the API.
 */
final class IncidentListPagesTest
{
    private static TestingIrisApi api;
    private static IrisTestClient grafana;
    private UiHttp http;
    private String csrf;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long app = seed.application("grafana", "grafana-key", false, List.of("title"));
            seed.template("grafana-default", alice, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("grafana-plan", alice, "page alice", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300)), 0, 0, 0, 0);
        });
        grafana = api.client("grafana", "grafana-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @BeforeEach
    void login()
    {
        http = new UiHttp(api.baseUri());
        csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
    }

    private static long trigger(String title)
    {
        IrisTestClient.Response response = grafana.post("/v0/incidents", Map.of("plan", "grafana-plan", "context", Map.of("title", title)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return Long.parseLong(response.body().trim());
    }

    private static long count(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> handle.select(sql, arguments).mapTo(Long.class).one());
    }

    @Test
    void unacknowledgedIncidentsStayInTheDefaultListUntilClaimedOrResolved()
    {
        long paging = trigger("still paging");
        long unacknowledged = trigger("nobody came");
        long claimed = trigger("taken");
        long resolved = trigger("gone");
        api.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET active = 0 WHERE id = ?", unacknowledged));
        http.postForm("/incidents/" + claimed + "/claim", Map.of("csrf", csrf, "back", "/incidents"));
        assertThat(grafana.post("/v0/incidents/" + resolved + "/resolve", Map.of("resolved", true)).status()).isEqualTo(200);

        String list = http.get("/incidents").body();
        assertThat(list).contains("id=\"incident-" + paging + "\"", "id=\"incident-" + unacknowledged + "\"")
                .doesNotContain("id=\"incident-" + claimed + "\"", "id=\"incident-" + resolved + "\"")
                .contains("<span class=\"badge unacknowledged\">unacknowledged</span>");
        assertThat(http.get("/incidents?state=unacknowledged").body()).contains("id=\"incident-" + unacknowledged + "\"")
                .doesNotContain("id=\"incident-" + paging + "\"");
        assertThat(http.get("/incidents?state=resolved").body()).contains("id=\"incident-" + resolved + "\"")
                .doesNotContain("id=\"incident-" + unacknowledged + "\"");
        assertThat(http.get("/incidents?state=claimed").body()).contains("id=\"incident-" + claimed + "\"");

        String page = http.get("/incidents/" + unacknowledged).body();
        assertThat(page).contains("id=\"incident-state\">unacknowledged<", "id=\"unacknowledged-note\"", "id=\"claim\"");

        // Claiming it from its page takes it off the default list.
        http.postForm("/incidents/" + unacknowledged + "/claim", Map.of("csrf", csrf, "back", "/incidents"));
        assertThat(http.get("/incidents").body()).doesNotContain("id=\"incident-" + unacknowledged + "\"");
    }

    @Test
    void markResolvedStopsPagingThroughTheSameServiceAsTheApi()
    {
        long id = trigger("resolve me");
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at)
                SELECT NOW(3), i.application_id, t.id, i.id, 'queued', 1, NOW(3) FROM incident i, target t WHERE i.id = ? AND t.name = 'alice'""", id));
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isEqualTo(1);

        HttpResponse<String> resolved = http.postForm("/incidents/" + id + "/resolve", Map.of("csrf", csrf));

        assertThat(resolved.statusCode()).isEqualTo(303);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND resolved = 1 AND active = 0", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` = 'queued'", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'resolved' AND actor = 'alice'", id)).isEqualTo(1);
        // One state, not "active" and "resolved" together.
        assertThat(http.get("/incidents/" + id).body()).contains("id=\"incident-state\">resolved<").doesNotContain("badge active");

        http.postForm("/incidents/" + id + "/unresolve", Map.of("csrf", csrf));
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ? AND due_at <= NOW(3)", id)).isEqualTo(1);
        assertThat(http.get("/incidents/" + id).body()).contains("id=\"incident-state\">active<");
    }
}
