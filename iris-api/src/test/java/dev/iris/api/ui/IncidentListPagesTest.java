package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
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
        TestingUi.seedGrafana(api);
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
    /**
     * Inserts {@code count} active incidents at once, as a storm leaves them; returns their ids.
     */
    static List<Long> storm(TestingIrisApi api, String plan, String application, int count)
    {
        return api.jdbi().withHandle(handle -> {
            org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                    SELECT p.plan_id, NOW(3) - INTERVAL 1 MINUTE, NOW(3) - INTERVAL 1 MINUTE, :context, a.id, 1, 1 FROM plan_active p, application a
                    WHERE p.name = :plan AND a.name = :application""");
            for (int i = 1; i <= count; i++) {
                batch.bind("context", "{\"title\": \"Disk full on db-" + i + "\"}").bind("plan", plan).bind("application", application).add();
            }
            batch.execute();
            return handle.createQuery("SELECT id FROM incident ORDER BY id DESC LIMIT :count").bind("count", count).mapTo(Long.class).list();
        });
    }

    @Test
    void aStormShowsTrueCountsPagesAndPlanAndStepColumns()
    {
        api.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET resolved = 1, active = 0"));
        List<Long> ids = storm(api, "grafana-plan", "grafana", 367);
        long newest = ids.get(0);

        String first = http.get("/incidents?state=active").body();
        assertThat(first).contains("<strong>1–200 of 367</strong>").contains("367 active")
                .contains("Page 1 of 2").contains("id=\"page-older\"").doesNotContain("id=\"page-newer\"");
        assertThat(first.split("<tr id=\"incident-", -1)).hasSize(201);
        assertThat(first).contains("<td data-label=\"Plan\" class=\"plan\">grafana-plan</td>", "<td data-label=\"Step\" class=\"step\">1 of 1</td>")
                .contains("<a class=\"row-link\" href=\"/incidents/" + newest + "\">Disk full on db-367</a>");
        String second = http.get("/incidents?state=active&page=2").body();
        assertThat(second).contains("<strong>201–367 of 367</strong>").contains("id=\"page-newer\"");
        assertThat(second.split("<tr id=\"incident-", -1)).hasSize(168);
        assertThat(http.get("/incidents?state=active&dense=1").body()).contains("class=\"incidents dense\"").contains("Comfortable rows");

        // The banner counts what arrived and changed since the page was drawn; the table is not polled.
        long drawn = System.currentTimeMillis() - 1000;
        assertThat(http.get("/incidents/changes?state=active&newest=" + newest + "&drawn=" + drawn).body()).doesNotContain("changes-link");
        long arrived = trigger("arrived later");
        http.postForm("/incidents/" + ids.get(5) + "/claim", Map.of("csrf", csrf));
        String banner = http.get("/incidents/changes?state=active&newest=" + newest + "&drawn=" + drawn).body();
        assertThat(banner).contains("1 new incident, 1 updated").contains("href=\"/incidents?state=active\"");
        assertThat(arrived).isGreaterThan(newest);
    }

    @Test
    void bulkClaimAndResolveActOnTheTickedIncidents()
    {
        long one = trigger("bulk one");
        long two = trigger("bulk two");
        long three = trigger("bulk three");

        HttpResponse<String> claimed = http.postForm("/incidents/bulk", Map.of("csrf", csrf, "action", "claim", "ids", one + "," + two, "back", "/incidents"));
        assertThat(claimed.statusCode()).isEqualTo(303);
        assertThat(claimed.headers().firstValue("Location").orElseThrow()).contains("message=Claimed+2+incidents");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id IN (?, ?) AND owner_id IS NOT NULL AND active = 0", one, two)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND owner_id IS NULL", three)).isEqualTo(1);

        http.postForm("/incidents/bulk", Map.of("csrf", csrf, "action", "resolve", "ids", String.valueOf(three)));
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND resolved = 1 AND active = 0", three)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", three)).isZero();

        HttpResponse<String> nothing = http.postForm("/incidents/bulk", Map.of("csrf", csrf, "action", "claim", "back", "/incidents"));
        assertThat(nothing.headers().firstValue("Location").orElseThrow()).contains("error=Nothing+selected");
    }

    @Test
    void aggregatedBatchesAreShownAsGroupsWithTheirCounts()
    {
        List<Long> ids = storm(api, "grafana-plan", "grafana", 3);
        api.jdbi().useHandle(handle -> {
            for (long id : ids) {
                handle.execute("""
                        INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at, batch)
                        SELECT NOW(3), i.application_id, t.id, i.id, 'sent', 0, NOW(3), 'feedfacefeedfacefeedfacefeedface'
                        FROM incident i, target t WHERE i.id = ? AND t.name = 'alice'""", id);
            }
        });
        String list = http.get("/incidents?state=active").body();
        assertThat(list).contains("id=\"batch-feedfacefeedfacefeedfacefeedface\"")
                .contains("these 3 incidents (the whole batch) were paged together as one message")
                .contains("Claim these 3");
    }

    @Test
    void browserPagesGetHtmlErrorPagesAndTheApiKeepsIrisJson()
    {
        HttpResponse<String> missing = http.getWithHeaders("/incidents/999999999", Map.of("Accept", "text/html,application/xhtml+xml"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("id=\"error-page\"", "No incident 999999999", "href=\"/incidents\"", "<nav>");

        HttpResponse<String> badApplication = http.getWithHeaders("/applications/nope", Map.of("Accept", "text/html"));
        assertThat(badApplication.statusCode()).isBetween(400, 404);
        assertThat(badApplication.body()).contains("id=\"error-page\"", "href=\"/applications\"");

        HttpResponse<String> unknownPath = http.getWithHeaders("/no/such/page", Map.of("Accept", "text/html"));
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).contains("id=\"error-page\"", "href=\"/incidents\"");

        // The API answers Iris's JSON whatever the client accepts.
        HttpResponse<String> api404 = http.getWithHeaders("/v0/plans/no-such-plan-at-all", Map.of("Accept", "text/html"));
        assertThat(api404.body()).doesNotContain("error-page");
        HttpResponse<String> json = http.getWithHeaders("/incidents/abc", Map.of("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).startsWith("{\"title\":\"Not Found\"");
    }
}
