package dev.iris.api.notification;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.message.EmailRecipients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class NotificationResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            long bob = seed.user("bob", false, Map.of());
            long carol = seed.user("carol", false, Map.of());
            seed.team("team-a", List.of(alice, bob, carol));
            seed.mailingList("list-a", List.of(alice));
            seed.template("oob", alice, application, List.of("email"), "subject", "Hello {{ name }} from email");
        });
        api.jdbi().useHandle(handle -> {
            handle.execute("UPDATE team SET manager_id = (SELECT id FROM target WHERE name = 'bob') WHERE target_id = (SELECT id FROM target WHERE name = 'team-a')");
            handle.execute("UPDATE target SET active = 0 WHERE name = 'carol'");
            handle.execute("INSERT INTO notification_category (application_id, name, description, mode_id) SELECT id, 'deploys', 'd', 2 FROM application WHERE name = 'app'");
            handle.execute("""
                    INSERT INTO template_content (template_id, application_id, mode_id, subject, body)
                    SELECT ta.template_id, a.id, 4, '', 'SMS for {{ name }}' FROM template_active ta, application a
                    WHERE ta.name = 'oob' AND a.name = 'app'""");
        });
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void clearMessages()
    {
        api.jdbi().useHandle(handle -> handle.execute("DELETE FROM message"));
    }

    private static Map<String, Object> notification(Object... keysAndValues)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static void assertRejected(Map<String, Object> body, String title, String description)
    {
        Response response = app.post("/v0/notifications", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo(title);
        if (description != null) {
            assertThat(response.json().get("description").asText()).isEqualTo(description);
        }
    }

    private static List<Map<String, Object>> messages()
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT t.name AS target, m.destination, mo.name AS mode, p.name AS priority, c.name AS category,
                               m.subject, m.body, m.`status`, m.active, m.incident_id, m.plan_id, m.recipients
                        FROM message m LEFT JOIN target t ON t.id = m.target_id LEFT JOIN mode mo ON mo.id = m.mode_id
                        LEFT JOIN priority p ON p.id = m.priority_id LEFT JOIN notification_category c ON c.id = m.category_id
                        ORDER BY m.id""")
                .mapToMap().list());
    }

    private static void assertAccepted(Map<String, Object> body)
    {
        Response response = app.post("/v0/notifications", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void validationErrorsAreIris()
    {
        assertRejected(notification(), "Missing required atrributes", "role, subject, target");
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "body", "b"),
                "Priority, mode, and category are missing, at least one is required", null);
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "body", "b", "priority", "fakepriority"), "Invalid priority", "fakepriority");
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "body", "b", "mode", "fakemode"), "Invalid mode", "fakemode");
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "body", "b", "category", "nope"),
                "No category named nope exists for this app", null);
        assertRejected(notification("role", "literal_target", "target", "#ops", "subject", "s", "body", "b", "category", "deploys"),
                "INVALID mode not set for literal_target role", null);
        assertRejected(notification("role", "literal_target", "target", "#ops", "subject", "s", "body", "b", "priority", "low", "mode", "slack"),
                "INVALID role literal_target does not support priority or category", null);
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "priority", "low"),
                "body, template, and email_html are missing, so we cannot construct message.", null);
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "priority", "low", "template", 5), "template needs to be a string", null);
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "priority", "low", "body", List.of()), "body needs to be a string", null);
        assertRejected(notification("mode", "email", "role", "user", "target", "alice", "subject", "s", "email_html", List.of("foo")),
                "email_html needs to be a string", null);
        assertRejected(notification("role", "_invalid_role", "target", "alice", "subject", "s", "priority", "low", "body", "b"),
                "Request rejected by sender", "INVALID role:target");
        assertRejected(notification("role", "user", "target", "_invalid_user", "subject", "s", "priority", "low", "body", "b"),
                "Request rejected by sender", "INVALID role:target");
        assertRejected(notification("role", "user", "target", "carol", "subject", "s", "priority", "low", "body", "b"),
                "Request rejected by sender", "INVALID role:target");
        assertRejected(notification("role", "literal_target", "target", "x".repeat(300), "subject", "s", "body", "b", "mode", "email"),
                "Request rejected by sender", "INVALID target");
        assertRejected(notification("role", "", "target", "alice", "subject", "s", "priority", "low", "body", "b"), "Request rejected by sender", "INVALID role");
        assertRejected(notification("target_list", List.of(Map.of("role", "user", "target", "alice")), "mode", "email", "body", "b"),
                "Missing required atrributes: subject", null);
        assertRejected(notification("target_list", List.of(Map.of("role", "user")), "subject", "s", "mode", "email", "body", "b"),
                "Malformed target list", null);
        assertRejected(notification("target_list", List.of(Map.of("role", "user", "target", "alice")), "subject", "s", "body", "b"),
                "Contact mode required for target list", null);
        assertRejected(notification("target_list", List.of(Map.of("role", "user", "target", "alice")), "subject", "s", "mode", "sms", "body", "b"),
                "Invalid mode", "sms");
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "priority", "low", "template", "missing-template"),
                "Request rejected by sender", "INVALID template");
        assertThat(messages()).isEmpty();
        assertThat(api.anonymous().post("/v0/notifications", notification("role", "user")).status()).isEqualTo(401);
    }

    @Test
    void priorityNotificationQueuesOneRowPerUser()
    {
        assertAccepted(notification("role", "user", "target", "alice", "subject", "test", "priority", "low", "body", "foo"));
        List<Map<String, Object>> rows = messages();
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("target")).isEqualTo("alice");
        assertThat(row.get("priority")).isEqualTo("low");
        assertThat(row.get("mode")).isNull();
        assertThat(row.get("subject")).isEqualTo("[app] test");
        assertThat(row.get("body")).isEqualTo("foo");
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("active")).isEqualTo(true);
        assertThat(row.get("incident_id")).isNull();
        assertThat(row.get("plan_id")).isNull();
    }

    @Test
    void rolesExpandToActiveUsers()
    {
        assertAccepted(notification("role", "team", "target", "team-a", "subject", "s", "mode", "email", "body", "b"));
        assertThat(messages()).extracting(row -> row.get("target")).containsExactly("alice", "bob");
        assertThat(messages()).extracting(row -> row.get("mode")).containsOnly("email");
        clearMessages();
        assertAccepted(notification("role", "manager", "target", "team-a", "subject", "s", "mode", "email", "body", "b"));
        assertThat(messages()).extracting(row -> row.get("target")).containsExactly("bob");
        clearMessages();
        assertAccepted(notification("role", "mailing-list", "target", "list-a", "subject", "s", "mode", "email", "body", "b"));
        assertThat(messages()).extracting(row -> row.get("target")).containsExactly("alice");
    }

    @Test
    void literalTargetKeepsTheDestination()
    {
        assertAccepted(notification("role", "literal_target", "target", "#ops", "subject", "s", "mode", "slack", "body", "b"));
        Map<String, Object> row = messages().get(0);
        assertThat(row.get("target")).isNull();
        assertThat(row.get("destination")).isEqualTo("#ops");
        assertThat(row.get("mode")).isEqualTo("slack");
    }

    @Test
    void emailHtmlOnlyGivesAnEmptyBodyAndCategoryIsKept()
    {
        assertAccepted(notification("role", "user", "target", "alice", "subject", "test", "priority", "low", "mode", "email", "email_html", "foobar"));
        assertThat(messages().get(0).get("body")).isEqualTo("");
        clearMessages();
        assertAccepted(notification("role", "user", "target", "alice", "subject", "test", "category", "deploys", "body", "b"));
        assertThat(messages().get(0).get("category")).isEqualTo("deploys");
        assertThat(messages().get(0).get("mode")).isNull();
    }

    @Test
    void templatesAreRenderedForTheModeThatWillBeUsed()
    {
        assertAccepted(notification("role", "user", "target", "alice", "subject", "s", "priority", "low", "template", "oob", "context", Map.of("name", "Ann")));
        assertThat(messages().get(0).get("body")).isEqualTo("Hello Ann from email");
        clearMessages();
        assertAccepted(notification("role", "user", "target", "alice", "subject", "s", "mode", "sms", "template", "oob", "context", Map.of("name", "Ann")));
        assertThat(messages().get(0).get("body")).isEqualTo("SMS for Ann");
        assertRejected(notification("role", "user", "target", "alice", "subject", "s", "mode", "sms", "template", "oob", "context", "text"),
                "Request rejected by sender", "INVALID context");
    }

    @Test
    void targetListQueuesOneEmailToEveryResolvableRecipient()
    {
        assertAccepted(notification("subject", "s", "mode", "email", "body", "b", "target_list", List.of(
                Map.of("role", "literal_target", "target", "list@example.com"),
                Map.of("role", "user", "target", "alice", "bcc", true),
                Map.of("role", "user", "target", "bob"),
                Map.of("role", "user", "target", "_invalid_user"))));
        List<Map<String, Object>> rows = messages();
        // bob has no email address and _invalid_user does not exist: best effort leaves them out.
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("destination")).isEqualTo("list@example.com");
            assertThat(row.get("target")).isNull();
            assertThat(row.get("mode")).isEqualTo("email");
            assertThat(row.get("subject")).isEqualTo("[app] s");
            assertThat(EmailRecipients.parse((String) row.get("recipients")))
                    .isEqualTo(new EmailRecipients(List.of("list@example.com"), List.of("alice@example.com")));
        });

        assertRejected(notification("subject", "s", "mode", "email", "body", "b", "target_list", List.of(
                Map.of("role", "user", "target", "bob"))), "Request rejected by sender", "INVALID role:target");
    }
}
