package dev.iris.dev.inbox;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.api.ui.UiHttp;
import dev.iris.dev.DemoSeed;
import dev.iris.dev.DevApiApplication;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev inbox under {@code ./iris dev}'s API application, with the demo data and a local
 * login: what the dev vendor delivered, per recipient, and a reply that claims the incident
 * through the same signed response endpoint iris-relay uses.
 */
final class DevInboxTest
{
    private static final String ALICE_PHONE = "+15555550101";

    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(DevApiApplication.class,
                ConfigOverride.config("devMode", "true"),
                ConfigOverride.config("auth.type", "local"),
                ConfigOverride.config("ui.sessionSecret", "0123456789abcdef0123456789abcdef-dev-inbox"));
        DemoSeed.load(api.jdbi());
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void showsDeliveriesPerRecipientAndClaimsByReply()
    {
        long incident = api.jdbi().inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                        SELECT p.plan_id, NOW(3), NOW(3), '{"title": "CPU hot", "host": "web1", "severity": "high"}', a.id, 1
                        FROM plan_active p, application a WHERE p.name = 'demo-plan' AND a.name = 'demo'""")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long message = api.jdbi().inTransaction(handle -> {
            long id = handle.createUpdate("""
                            INSERT INTO message (created, application_id, target_id, incident_id, subject, body, `status`, active, next_attempt_at)
                            SELECT NOW(3), a.id, t.id, :incident, 'CPU hot', 'CPU hot on web1', 'sent', 0, NOW(3)
                            FROM application a, target t WHERE a.name = 'demo' AND t.name = 'alice'""")
                    .bind("incident", incident)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            // What the dev vendor records for an SMS.
            handle.execute("""
                    INSERT INTO dev_inbox (created, message_id, vendor, mode, destination, subject, body)
                    VALUES (NOW(3), ?, 'dev-inbox', 'sms', ?, '', ?)""", id, ALICE_PHONE, id + " CPU hot on web1 <b>bold?</b>");
            return id;
        });
        long delivery = api.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM dev_inbox WHERE message_id = :message")
                .bind("message", message).mapTo(Long.class).one());
        UiHttp http = new UiHttp(api.baseUri());
        String csrf = http.login("demo", "demo");

        HttpResponse<String> page = http.get("/dev/inbox");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Dev inbox</h1>")
                .contains(ALICE_PHONE)
                .contains("alice")
                .contains("CPU hot on web1 &lt;b&gt;bold?&lt;/b&gt;")
                .contains("href=\"/dev/inbox\"");

        HttpResponse<String> empty = http.postForm("/dev/inbox/" + delivery + "/reply", Map.of("csrf", csrf, "body", " ", "to", ""));
        assertThat(empty.statusCode()).isEqualTo(303);
        assertThat(location(empty)).contains("error=Type a reply first");

        HttpResponse<String> reply = http.postForm("/dev/inbox/" + delivery + "/reply", Map.of("csrf", csrf, "body", "claim " + message, "to", ""));

        assertThat(reply.statusCode()).isEqualTo(303);
        assertThat(location(reply)).contains("message=Reply to " + ALICE_PHONE + " (sms): ");
        Map<String, Object> claimed = api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT i.active, t.name AS owner FROM incident i LEFT JOIN target t ON t.id = i.owner_id WHERE i.id = :id""")
                .bind("id", incident).mapToMap().one());
        assertThat(claimed).containsEntry("owner", "alice");
        assertThat(claimed.get("active")).isIn(false, 0, 0L);
    }

    private static String location(HttpResponse<String> response)
    {
        return URLDecoder.decode(response.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    }
}
