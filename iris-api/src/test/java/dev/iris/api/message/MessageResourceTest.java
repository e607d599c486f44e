package dev.iris.api.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

final class MessageResourceTest
{
    private static TestingIrisApi api;
    private static long sent;
    private static long queued;
    private static long other;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            seed.application("app", "app-key", false, List.of("title"));
            seed.application("second", "second-key", false, List.of("title"));
            seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.user("bob", false, Map.of());
        });
        sent = insert("app", "alice", "email", "alice@example.com", "sent", "first subject");
        queued = insert("app", "bob", null, null, "queued", "second subject");
        other = insert("second", "alice", "sms", "+1555", "sent", "third subject");
        api.jdbi().useHandle(handle -> {
            handle.execute("UPDATE message SET sent = created, batch = 'abcdef0123456789abcdef0123456789' WHERE id = ?", sent);
            handle.execute("INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES ('SM1', ?, 'delivered')", sent);
            handle.execute("INSERT INTO generic_message_sent_status (message_id, status) VALUES (?, 1)", sent);
            handle.execute("INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description) "
                    + "VALUES (NOW(3) - INTERVAL 1 MINUTE, ?, 'mode-change', 'sms', 'email', 'Changing mode due to original mode failure')", sent);
            handle.execute("INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description) "
                    + "VALUES (NOW(3), ?, 'target-change', 'bob', 'alice', 'fallback')", sent);
        });
    }

    private static long insert(String application, String target, String mode, String destination, String status, String subject)
    {
        return api.jdbi().withHandle(handle -> handle.createUpdate("""
                        INSERT INTO message (created, application_id, target_id, destination, mode_id, priority_id, subject, body,
                                             active, `status`, next_attempt_at)
                        SELECT NOW(3), a.id, t.id, :destination, (SELECT id FROM mode WHERE name = :mode), 3, :subject, 'body text',
                               :active, :status, NOW(3)
                        FROM application a, target t WHERE a.name = :application AND t.name = :target""")
                .bind("application", application).bind("target", target).bind("mode", mode).bind("destination", destination)
                .bind("subject", subject).bind("status", status).bind("active", status.equals("queued"))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void searchNeedsAFilterOrLimit()
    {
        Response response = api.anonymous().get("/v0/messages");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Message query too broad, add limit or filter");
    }

    @Test
    void searchFiltersAndLimits()
    {
        assertThat(ids(api.anonymous().get("/v0/messages?id__in=" + sent + "," + queued + "," + other).json())).containsExactly(sent, queued, other);
        assertThat(ids(api.anonymous().get("/v0/messages?limit=1&id__in=" + sent + "," + queued + "," + other).json())).containsExactly(other);
        assertThat(ids(api.anonymous().get("/v0/messages?application=second").json())).containsExactly(other);
        assertThat(ids(api.anonymous().get("/v0/messages?target=alice&mode=email").json())).containsExactly(sent);
        assertThat(ids(api.anonymous().get("/v0/messages?subject__startswith=second").json())).containsExactly(queued);
        assertThat(ids(api.anonymous().get("/v0/messages?active=1").json())).containsExactly(queued);

        JsonNode row = api.anonymous().get("/v0/messages?id=" + sent).json().get(0);
        assertThat(row.get("mode_changed").asInt()).isEqualTo(1);
        assertThat(row.get("target_changed").asInt()).isEqualTo(1);
        assertThat(row.get("application").asText()).isEqualTo("app");
        assertThat(row.get("priority").asText()).isEqualTo("medium");
        assertThat(row.get("created").isIntegralNumber()).isTrue();

        // A queued message has no mode yet and still shows.
        JsonNode queuedRow = api.anonymous().get("/v0/messages?id=" + queued + "&fields=id,mode,target").json().get(0);
        assertThat(queuedRow.size()).isEqualTo(3);
        assertThat(queuedRow.get("mode").isNull()).isTrue();
        assertThat(queuedRow.get("target").asText()).isEqualTo("bob");

        assertThat(api.anonymous().get("/v0/messages?id=abc").status()).isEqualTo(400);
    }

    @Test
    void singleMessage()
    {
        JsonNode message = api.anonymous().get("/v0/messages/" + sent).json();
        assertThat(message.get("id").asLong()).isEqualTo(sent);
        assertThat(message.get("batch").asText()).isEqualTo("abcdef0123456789abcdef0123456789");
        assertThat(message.get("body").asText()).isEqualTo("body text");
        assertThat(message.get("destination").asText()).isEqualTo("alice@example.com");
        assertThat(message.get("mode").asText()).isEqualTo("email");
        assertThat(message.get("target").asText()).isEqualTo("alice");
        assertThat(message.get("twilio_delivery_status").asText()).isEqualTo("delivered");
        assertThat(message.get("generic_message_sent_status").asInt()).isEqualTo(1);
        assertThat(message.get("incident_id").isNull()).isTrue();
        assertThat(message.get("sent").isIntegralNumber()).isTrue();

        Response missing = api.anonymous().get("/v0/messages/0");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.anonymous().get("/v0/messages/nope").status()).isEqualTo(400);
    }

    @Test
    void auditLogIsNewestFirst()
    {
        JsonNode log = api.anonymous().get("/v0/messages/" + sent + "/auditlog").json();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("change_type").asText()).isEqualTo("target-change");
        assertThat(log.get(1).get("change_type").asText()).isEqualTo("mode-change");
        assertThat(log.get(1).get("old").asText()).isEqualTo("sms");
        assertThat(log.get(1).get("new").asText()).isEqualTo("email");
        assertThat(log.get(1).get("description").asText()).isEqualTo("Changing mode due to original mode failure");
        assertThat(log.get(1).get("date").isIntegralNumber()).isTrue();
        assertThat(api.anonymous().get("/v0/messages/" + queued + "/auditlog").json()).isEmpty();
    }
}
