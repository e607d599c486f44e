package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message pages, unsubscribing and the QR page over plain HTTP: what the server answers, the
 * escaping, and what reaches the database.
 */
final class UiPagesTest
{
    private static TestingIrisApi api;
    private static long incident;
    private static long hostileMessage;
    private static long otherMessage;
    private static long undeliverableMessage;
    private UiHttp http;
    private String csrf;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start(
                ConfigOverride.config("ui.qrBaseUrl", "https://iris.example.com"),
                ConfigOverride.config("ui.qrLoginUrl", "https://iris.example.com/login?mobile=1"));
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long grafana = seed.application("grafana", "grafana-key", false, List.of("title"));
            seed.application("quiet", "quiet-key", false, List.of("title"));
            seed.template("grafana-default", alice, grafana, List.of("email", "sms"), "{{title}}", "{{title}}");
            seed.plan("grafana-plan", alice, "page alice", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO application_mode (application_id, mode_id) SELECT a.id, m.id FROM application a, mode m WHERE a.name = 'quiet' AND m.name = 'drop'");
            incident = handle.createUpdate("""
                            INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                            SELECT p.plan_id, NOW(3), NOW(3), '{"title": "disk"}', a.id, 1
                            FROM plan_active p, application a WHERE p.name = 'grafana-plan' AND a.name = 'grafana'""")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            hostileMessage = message(handle, "high", "<script>window.pwned = 1</script> disk full", "delivered");
            otherMessage = message(handle, "low", "a low one", null);
            handle.execute("INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description) VALUES (NOW(3), ?, 'mode-change', 'call', 'sms', '<b>user</b> setting')",
                    hostileMessage);
            handle.execute("INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES ('SM1', ?, 'undelivered')", hostileMessage);
            // As the sender leaves a page it gave up on.
            undeliverableMessage = message(handle, "urgent", "a lost page", null);
            handle.execute("UPDATE message SET `status` = 'failed', sent = NULL, last_error = 'sms-vendor: 503 <Service Unavailable>' WHERE id = ?",
                    undeliverableMessage);
            handle.execute("INSERT INTO incident_event (incident_id, created, kind, description) VALUES (?, NOW(3), 'undelivered', ?)",
                    incident, "Page " + undeliverableMessage + " to alice by sms could not be delivered");
        });
    }

    private static long message(org.jdbi.v3.core.Handle handle, String priority, String subject, String deliveryStatus)
    {
        return handle.createUpdate("""
                        INSERT INTO message (created, sent, application_id, target_id, mode_id, priority_id, destination, incident_id, subject, body,
                                             `status`, delivery_status, active, next_attempt_at)
                        SELECT NOW(3), NOW(3), a.id, t.id, m.id, p.id, '+15550001111', :incident, :subject, :subject, 'sent', :delivery, 0, NOW(3)
                        FROM application a, target t, mode m, priority p
                        WHERE a.name = 'grafana' AND t.name = 'alice' AND m.name = 'sms' AND p.name = :priority""")
                .bind("incident", incident)
                .bind("subject", subject)
                .bind("delivery", deliveryStatus)
                .bind("priority", priority)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
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

    @Test
    void messageListFiltersLikeTheApiAndEscapes()
    {
        HttpResponse<String> all = http.get("/messages?application=grafana");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body())
                .contains("id=\"message-" + hostileMessage + "\"", "id=\"message-" + otherMessage + "\"")
                .contains("&lt;script&gt;window.pwned = 1&lt;/script&gt; disk full")
                .doesNotContain("<script>window.pwned")
                .contains("href=\"/messages/" + hostileMessage + "\"", "href=\"/incidents/" + incident + "\"")
                .contains("href=\"/messages\"");

        String high = http.get("/messages?priority=high&incident=" + incident + "&target=alice&active=0").body();
        assertThat(high).contains("id=\"message-" + hostileMessage + "\"").doesNotContain("id=\"message-" + otherMessage + "\"");
        assertThat(http.get("/messages?application=quiet").body()).contains("No messages match.");
        assertThat(http.get("/messages?active=1&application=grafana").body()).contains("No messages match.");
        assertThat(http.get("/messages?from=2000-01-01&to=2000-01-02").body()).contains("No messages match.");

        HttpResponse<String> bad = http.get("/messages?incident=abc");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("class=\"flash error\"").contains("invalid argument type");
    }

    @Test
    void messagePageShowsDeliveryAndAuditLog()
    {
        HttpResponse<String> page = http.get("/messages/" + hostileMessage);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Message " + hostileMessage + "</h1>")
                .contains("delivered")
                .contains("undelivered")
                .contains("mode-change")
                .contains("&lt;b&gt;user&lt;/b&gt; setting")
                .contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;")
                .doesNotContain("<script>window.pwned")
                .contains("href=\"/incidents/" + incident + "\"");
        assertThat(http.get("/messages/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void anUndeliverablePageSaysSoOnItsPageAndTheIncidentTimeline()
    {
        assertThat(http.get("/messages/" + undeliverableMessage).body())
                .contains("id=\"message-undeliverable\"")
                .contains("Iris gave up on this page: sms-vendor: 503 &lt;Service Unavailable&gt;");
        assertThat(http.get("/messages/" + hostileMessage).body()).doesNotContain("message-undeliverable");
        assertThat(http.get("/incidents/" + incident).body())
                .contains("class=\"event-undelivered\"")
                .contains("Page " + undeliverableMessage + " to alice by sms could not be delivered");
    }

    @Test
    void incidentTimelineLinksToMessages()
    {
        assertThat(http.get("/incidents/" + incident).body()).contains("<a href=\"/messages/" + hostileMessage + "\">Message " + hostileMessage);
    }

    @Test
    void unsubscribeConfirmsFirstThenDropsEveryPriority()
    {
        HttpResponse<String> confirm = http.get("/unsubscribe/quiet");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"unsubscribe\"");
        assertThat(droppedPriorities("quiet")).as("a GET changes nothing").isZero();

        assertThat(http.postForm("/unsubscribe/quiet", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(droppedPriorities("quiet")).isZero();

        HttpResponse<String> done = http.postForm("/unsubscribe/quiet", Map.of("csrf", csrf));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElseThrow()).contains("/user?application=quiet").contains("message=Unsubscribed");
        int priorities = api.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM priority").mapTo(Integer.class).one());
        assertThat(droppedPriorities("quiet")).isEqualTo(priorities);
    }

    @Test
    void unsubscribeIsRefusedWhenTheApplicationCannotDrop()
    {
        HttpResponse<String> page = http.get("/unsubscribe/grafana");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("does not support the drop mode").doesNotContain("id=\"unsubscribe\"");
        HttpResponse<String> post = http.postForm("/unsubscribe/grafana", Map.of("csrf", csrf));
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(droppedPriorities("grafana")).isZero();
        assertThat(http.get("/unsubscribe/no-such-app").statusCode()).isEqualTo(400);
    }

    private static int droppedPriorities(String application)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM target_application_mode tam
                        JOIN application a ON a.id = tam.application_id JOIN mode m ON m.id = tam.mode_id JOIN target t ON t.id = tam.target_id
                        WHERE a.name = :app AND t.name = 'alice' AND m.name = 'drop'""")
                .bind("app", application).mapTo(Integer.class).one());
    }

    @Test
    void qrPageShowsTheCodeAndBothUrls()
    {
        HttpResponse<String> page = http.get("/qr");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\"")
                .containsPattern("<path fill=\"#000\" d=\"(M\\d+ \\d+h1v1h-1z)+\"")
                .contains("https://iris.example.com/login?mobile=1");
    }
}
