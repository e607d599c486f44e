package dev.iris.api.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

final class ResponseResourceTest
{
    private static final String ALICE_PHONE = "+14155550100";
    private static final String BOB_PHONE = "+14155550111";

    private static TestingIrisApi api;
    private static IrisTestClient relay;
    private static IrisTestClient app;
    private static long applicationId;
    private static long otherApplicationId;
    private static long aliceId;
    private static long bobId;
    private static long daveId;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            applicationId = seed.application("app", "app-key", false, List.of("title", "body", "email", "subject", "sender"));
            otherApplicationId = seed.application("other", "other-key", false, List.of("title"));
            seed.application("iris", "iris-key", false, List.of());
            seed.application("iris-relay", "relay-key", false, List.of());
            // Alice's phone is stored in Iris's international format; Twilio reports E.164.
            aliceId = seed.user("alice", false, Map.of("sms", "+1 415-555-0100", "call", "+1 415-555-0100", "email", "alice@example.com", "slack", "alice-slack"));
            bobId = seed.user("bob", false, Map.of("sms", BOB_PHONE, "email", "Bob@Example.com"));
            daveId = seed.user("dave", false, Map.of("sms", "+14155550122"));
            seed.user("carol", true, Map.of("email", "carol@example.com"));
            seed.template("tmpl", aliceId, applicationId, List.of("email", "sms"), "subject", "body");
            seed.plan("plan-a", aliceId, "plan", List.of(Notification.of(1, "user", aliceId, "high", "tmpl", 0, 60)), 900, 10, 300, 300);
        });
        relay = api.client("iris-relay", "relay-key");
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void smsClaimByIdClaimsOnceAndAnswersTheSameToADoubleTap()
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);

        assertThat(sms(ALICE_PHONE, message + " claim")).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertThat(sms(ALICE_PHONE, message + " claim")).isEqualTo("Iris incident(" + incident + ") claimed.");

        assertThat(owner(incident)).isEqualTo("alice");
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed'", incident)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM response WHERE message_id = ? AND source = ?", message, ALICE_PHONE)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isZero();
    }

    @Test
    void concurrentDoubleTapsClaimOnce()
            throws Exception
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> answers = List.of(1, 2, 3, 4).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> sms(ALICE_PHONE, "claim " + message), executor))
                    .toList();
            for (CompletableFuture<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("Iris incident(" + incident + ") claimed.");
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed'", incident)).isEqualTo(1);
    }

    @Test
    void claimingSomeoneElsesIncidentNamesThePreviousOwner()
    {
        long incident = incident();
        long toAlice = message(incident, aliceId, applicationId, null);
        long toBob = message(incident, bobId, applicationId, null);
        assertThat(sms(ALICE_PHONE, "claim " + toAlice)).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertThat(sms(BOB_PHONE, toBob + " CLAIM")).isEqualTo("Iris incident(" + incident + ") claimed, previously claimed by alice.");
        assertThat(owner(incident)).isEqualTo("bob");
    }

    @Test
    void claimCancelsQueuedMessages()
    {
        long incident = incident();
        long sent = message(incident, aliceId, applicationId, null);
        long queued = api.jdbi().withHandle(handle -> handle.createUpdate("""
                        INSERT INTO message (created, application_id, target_id, incident_id, priority_id, `status`, active, next_attempt_at)
                        VALUES (NOW(3), :app, :target, :incident, 2, 'queued', 1, NOW(3) + INTERVAL 1 HOUR)""")
                .bind("app", applicationId).bind("target", bobId).bind("incident", incident)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        sms(ALICE_PHONE, sent + " claim");
        assertThat(text("SELECT `status` FROM message WHERE id = ?", queued)).isEqualTo("cancelled");
    }

    @Test
    void apologies()
    {
        assertThat(sms("+14155550199", "f")).isEqualTo("Sincerest apologies");
    }

    @Test
    void invalidRepliesGet400AndAutoRespondersAreSilencedAfterThree()
    {
        String source = "+14155550177";
        for (int i = 0; i < 3; i++) {
            Response response = relay.post("/v0/response/twilio/messages", form(Map.of("From", source, "Body", "I am out of office")));
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("title").asText()).isEqualTo("Invalid response");
        }
        assertThat(sms(source, "I am out of office")).isEmpty();
        assertThat(sms(source, "f")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM response WHERE source = ?", source)).isEqualTo(5);
        // Another source is not affected.
        assertThat(sms("+14155550178", "fine")).isEqualTo("Sincerest apologies");
    }

    @Test
    void unknownNumbersAreNotOwners()
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);
        assertThat(sms("+14155550999", message + " claim")).isEqualTo("Failed to identify owner for the incident.");
        assertThat(count("SELECT active FROM incident WHERE id = ?", incident)).isEqualTo(1);
    }

    @Test
    void suppressIsAnUnknownCommand()
    {
        long message = message(incident(), aliceId, applicationId, null);
        assertThat(sms(ALICE_PHONE, message + " suppress")).isEqualTo("Unknown command.");
    }

    @Test
    void unknownMessageIsRefused()
    {
        Response response = relay.post("/v0/response/twilio/messages", form(Map.of("From", ALICE_PHONE, "Body", "999999 claim")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Invalid message(999999): no application found.");
    }

    @Test
    void outOfBandMessageHasNoIncident()
    {
        long message = message(null, aliceId, applicationId, null);
        assertThat(sms(ALICE_PHONE, message + " claim")).isEqualTo("Failed to match incident for message(" + message + ").");
    }

    @Test
    void claimAllClaimsEveryActiveIncidentOfTheReplierPerApplication()
    {
        long first = incident();
        long second = incident();
        long other = incident();
        message(first, daveId, applicationId, null);
        message(second, daveId, applicationId, null);
        api.jdbi().useHandle(handle -> handle.execute("UPDATE incident SET application_id = ? WHERE id = ?", otherApplicationId, other));
        message(other, daveId, otherApplicationId, null);

        assertThat(sms("+1 (415) 555-0122", "a")).isEqualTo(
                "app: Iris Incidents claimed (2): " + first + ", " + second + "\nother: Iris Incidents claimed (1): " + other);
        assertThat(owner(first)).isEqualTo("dave");
        assertThat(owner(other)).isEqualTo("dave");
        assertThat(sms("+14155550122", "claim all")).isEqualTo("No active incidents to claim.");
    }

    @Test
    void claimAllInOneApplication()
    {
        String phone = "+14155550133";
        long erin = api.jdbi().inTransaction(handle -> new dev.iris.testing.seed.SeedWriter(handle).user("erin", false, Map.of("sms", phone)));
        long first = incident();
        long second = incident();
        message(first, erin, applicationId, null);
        message(second, erin, applicationId, null);
        assertThat(sms(phone, "Claim All")).isEqualTo("Iris Incidents claimed (2): " + first + ", " + second);
    }

    @Test
    void claimLastClaimsTheLatestPage()
    {
        String phone = "+14155550144";
        long frank = api.jdbi().inTransaction(handle -> new dev.iris.testing.seed.SeedWriter(handle).user("frank", false, Map.of("sms", phone)));
        assertThat(sms(phone, "l")).isEqualTo("No active incidents to claim.");
        long older = incident();
        long newer = incident();
        message(older, frank, applicationId, null);
        message(newer, frank, applicationId, null);
        // An out-of-band message (an email answer, say) after the page is not "the last page".
        message(null, frank, applicationId, null);
        assertThat(sms(phone, "claim last")).isEqualTo("Iris incident(" + newer + ") claimed.");
        assertThat(count("SELECT active FROM incident WHERE id = ?", older)).isEqualTo(1);
    }

    @Test
    void batchClaimClaimsEveryIncidentOfTheBatch()
    {
        String batch = "f" + "0123456789abcdef0123456789abcde";
        long first = incident();
        long second = incident();
        message(first, aliceId, applicationId, batch);
        message(second, aliceId, applicationId, batch);
        assertThat(sms(ALICE_PHONE, batch + " claim")).isEqualTo("All iris incidents claimed for batch id " + batch + ".");
        assertThat(owner(first)).isEqualTo("alice");
        assertThat(owner(second)).isEqualTo("alice");

        Response unknown = relay.post("/v0/response/twilio/messages", form(Map.of("From", ALICE_PHONE, "Body", "claim " + "a".repeat(32))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("title").asText()).isEqualTo("Invalid message id");
    }

    @Test
    void smsNeedsBodyAndFrom()
    {
        assertThat(relay.post("/v0/response/twilio/messages", form(Map.of("From", ALICE_PHONE))).json().get("title").asText())
                .isEqualTo("SMS body not found");
        assertThat(relay.post("/v0/response/twilio/messages", form(Map.of("Body", "a"))).json().get("title").asText())
                .isEqualTo("From argument not found");
    }

    @Test
    void callKeyTwoClaims()
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);
        Response one = relay.post("/v0/response/twilio/calls?message_id=" + message, form(Map.of("Digits", "1", "To", ALICE_PHONE)));
        assertThat(one.json().get("app_response").asText()).isEqualTo("Got unknown option from user: 1");
        Response two = relay.post("/v0/response/twilio/calls?message_id=" + message, form(Map.of("Digits", "2", "To", ALICE_PHONE, "From", "+15005550006")));
        assertThat(two.status()).as(two.toString()).isEqualTo(200);
        assertThat(two.json().get("app_response").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");

        assertThat(relay.post("/v0/response/twilio/calls", form(Map.of("Digits", "2", "To", ALICE_PHONE))).status()).isEqualTo(400);
        assertThat(relay.post("/v0/response/twilio/calls?message_id=" + message, form(Map.of("To", ALICE_PHONE))).json().get("title").asText())
                .isEqualTo("Digits argument not found");
        assertThat(relay.post("/v0/response/twilio/calls?message_id=x1", form(Map.of("Digits", "2", "To", ALICE_PHONE))).status()).isEqualTo(400);
    }

    @Test
    void slackButtons()
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);
        Response claim = relay.post("/v0/response/slack", Map.of("msg_id", message, "source", "alice-slack", "content", "claim"));
        assertThat(claim.json().get("app_response").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");

        // Slack user names that are Iris user names work without a Slack contact.
        long second = incident();
        long toBob = message(second, bobId, applicationId, null);
        Response bob = relay.post("/v0/response/slack", Map.of("msg_id", toBob, "source", "bob", "content", "claim all"));
        assertThat(bob.json().get("app_response").asText()).contains("Iris Incidents claimed").contains(String.valueOf(second));

        assertThat(relay.post("/v0/response/slack", Map.of("msg_id", message, "content", "claim")).status()).isEqualTo(400);
        assertThat(relay.post("/v0/response/slack", Map.of("msg_id", message, "source", "alice", "content", "dance")).status()).isEqualTo(400);
        assertThat(relay.post("/v0/response/slack", "not json").status()).isEqualTo(400);
    }

    @Test
    void emailReplyIsAnsweredByEmail()
    {
        long incident = incident();
        long message = message(incident, bobId, applicationId, null);
        Response response = relay.post("/v0/response/email", mail(
                Map.of("From", "Bob Builder <bob@example.com>", "To", "iris@example.com", "Subject", "Re: " + message + " Disk full"),
                "claim\n\nOn Monday Iris wrote:\n> " + message + " Disk full"));
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertThat(owner(incident)).isEqualTo("bob");
        Map<String, Object> answer = api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT m.destination, m.subject, m.body, m.`status`, mo.name AS mode, a.name AS application, m.incident_id, p.name AS priority
                        FROM message m JOIN mode mo ON mo.id = m.mode_id JOIN application a ON a.id = m.application_id
                        JOIN priority p ON p.id = m.priority_id
                        WHERE m.target_id = :bob AND m.mode_id IS NOT NULL AND mo.name = 'email'
                        ORDER BY m.id DESC LIMIT 1""")
                .bind("bob", bobId).mapToMap().one());
        assertThat(answer).containsEntry("destination", "bob@example.com")
                .containsEntry("subject", "Re: Re: " + message + " Disk full")
                .containsEntry("body", "Iris incident(" + incident + ") claimed.")
                .containsEntry("status", "queued")
                .containsEntry("mode", "email")
                .containsEntry("application", "app")
                .containsEntry("priority", "low");
        assertThat(answer.get("incident_id")).isNull();
    }

    @Test
    void gmailOneClickClaimsAndMailsTheAnswer()
    {
        long incident = incident();
        long message = message(incident, aliceId, applicationId, null);
        Response response = relay.post("/v0/response/gmail-oneclick", Map.of("msg_id", message, "email_address", "alice@example.com", "cmd", "claim"));
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertThat(owner(incident)).isEqualTo("alice");
        String answer = "Iris incident(" + incident + ") claimed.";
        assertThat(count("SELECT COUNT(*) FROM message WHERE destination = 'alice@example.com' AND subject = ? AND body = ?", answer, answer)).isEqualTo(1);

        assertThat(relay.post("/v0/response/gmail-oneclick", Map.of("msg_id", message, "email_address", "alice@example.com", "cmd", "suppress"))
                .json().get("title").asText()).isEqualTo("GmailOneClick only supports claiming individual messages");
        assertThat(relay.post("/v0/response/gmail-oneclick", Map.of("msg_id", "x", "email_address", "alice@example.com", "cmd", "claim"))
                .json().get("title").asText()).isEqualTo("Post body missing required key or key of wrong type");
    }

    /**
     * Iris answers a reply by mail to the Iris user behind the sender's address, and refuses the
     * reply with 400 when no user has it; nothing is claimed or mailed.
     */
    @Test
    void emailFromStrangersIsRefusedAndNotAnswered()
    {
        long incident = incident();
        long message = message(incident, bobId, applicationId, null);
        long before = count("SELECT COUNT(*) FROM message");
        Response response = relay.post("/v0/response/email", mail(Map.of("From", "Mallory <mallory@example.net>", "Subject", "Re: " + message + " page"), "claim"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"title\":\"Invalid request\",\"description\":\"Failed to lookup target from destination: mallory@example.net\"}");
        assertThat(owner(incident)).isNull();
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(before);

        assertThat(relay.post("/v0/response/email", mail(Map.of("From", "mallory@example.net", "Subject", "hi"), "f")).status()).isEqualTo(400);
        Response oneClick = relay.post("/v0/response/gmail-oneclick", Map.of("msg_id", message, "email_address", "mallory@example.net", "cmd", "claim"));
        assertError(oneClick, 400, "Invalid request", "Failed to lookup target from destination: mallory@example.net");
        assertThat(owner(incident)).isNull();
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(before);
    }

    @Test
    void invalidEmailReply()
    {
        Response response = relay.post("/v0/response/email", mail(Map.of("From", "alice@example.com", "Subject", "hello"), "what is this\nsecond line"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Invalid response");
        assertThat(response.json().get("description").asText()).isEqualTo("Invalid response: what is this");
        assertThat(relay.post("/v0/response/email", mail(Map.of("Subject", "x"), "claim")).json().get("title").asText()).isEqualTo("Missing source");
        assertThat(relay.post("/v0/response/gmail", "{}").status()).isEqualTo(400);
    }

    @Test
    void freshMailToAnIncidentAddressOpensOneIncident()
    {
        api.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO incident_emails (email, application_id, plan_name) VALUES ('alerts@example.com', ?, 'plan-a')", applicationId));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", "Monitor <monitor@example.org>");
        headers.put("To", "ops@example.com, Alerts <alerts@example.com>");
        headers.put("Subject", "Disk full on db1");
        headers.put("Message-ID", "<abc-123@example.org>");
        Response created = relay.post("/v0/response/email", mail(headers, "db1 is at 99%"));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        long incident = Long.parseLong(created.header("X-IRIS-INCIDENT"));
        assertThat(text("SELECT context FROM incident WHERE id = ?", incident))
                .contains("\"subject\":\"Disk full on db1\"")
                .contains("\"sender\":\"monitor@example.org\"")
                .contains("\"body\":\"db1 is at 99%\"")
                .contains("alerts@example.com");
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isEqualTo(1);

        // The same mail delivered again opens nothing new.
        Response again = relay.post("/v0/response/email", mail(headers, "db1 is at 99%"));
        assertThat(again.header("X-IRIS-INCIDENT")).isEqualTo(String.valueOf(incident));

        headers.put("In-Reply-To", "<abc-123@example.org>");
        headers.put("Message-ID", "<abc-124@example.org>");
        Response reply = relay.post("/v0/response/email", mail(headers, "any news?"));
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("X-IRIS-INCIDENT")).isEqualTo("Not created (email reply not fresh email)");
    }

    /**
     * Iris stores an incident mail as {@code {body, email, subject, sender}} whatever the
     * application's variables (an application usually declares none of them).
     */
    @Test
    void incidentByMailKeepsTheWholeMailInItsContext()
    {
        api.seed(seed -> {
            seed.template("tmpl-other", aliceId, otherApplicationId, List.of("email"), "subject", "body");
            seed.plan("plan-other", aliceId, "plan", List.of(Notification.of(1, "user", aliceId, "high", "tmpl-other", 0, 60)), 900, 10, 300, 300);
        });
        api.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO incident_emails (email, application_id, plan_name) VALUES ('other-alerts@example.com', ?, 'plan-other')",
                    otherApplicationId);
            handle.execute("INSERT INTO incident_emails (email, application_id, plan_name) VALUES ('no-templates@example.com', ?, 'plan-a')",
                    otherApplicationId);
        });
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", "Monitor <monitor@example.org>");
        headers.put("To", "Other Alerts <other-alerts@example.com>");
        headers.put("Subject", "Fan failure");
        Response created = relay.post("/v0/response/email", mail(headers, "  fan 2 stopped\n"));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        assertThat(created.body()).isEmpty();
        long incident = Long.parseLong(created.header("X-IRIS-INCIDENT"));
        JsonNode context = api.anonymous().get("/v0/incidents/" + incident).json().get("context");
        assertThat(context.toString())
                .isEqualTo("{\"body\":\"fan 2 stopped\",\"email\":[\"other-alerts@example.com\"],\"subject\":\"Fan failure\",\"sender\":\"monitor@example.org\"}");

        // A plan without templates for the application opens nothing, with Iris's header text.
        headers.put("To", "no-templates@example.com");
        Response refused = relay.post("/v0/response/email", mail(headers, "fan 3 stopped"));
        assertThat(refused.status()).isEqualTo(204);
        assertThat(refused.header("X-IRIS-INCIDENT")).isEqualTo("Not created (no template actions for this app)");
    }

    @Test
    void deliveryUpdatesMoveForwardOnlyAndAFailureIsRetriedOnce()
    {
        long message = message(incident(), aliceId, applicationId, null);
        api.jdbi().useHandle(handle -> handle.execute("INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES ('SM1', ?, NULL)", message));

        assertThat(delivery("MessageSid", "SM1", "MessageStatus", "sent").status()).isEqualTo(204);
        assertThat(delivery("MessageSid", "SM1", "MessageStatus", "delivered").status()).isEqualTo(204);
        assertThat(delivery("MessageSid", "SM1", "MessageStatus", "sent").status()).isEqualTo(204);
        assertThat(text("SELECT status FROM twilio_delivery_status WHERE twilio_sid = 'SM1'")).isEqualTo("delivered");
        assertThat(text("SELECT delivery_status FROM message WHERE id = ?", message)).isEqualTo("delivered");

        long failing = message(incident(), aliceId, applicationId, null);
        api.jdbi().useHandle(handle -> handle.execute("UPDATE message SET vendor_message_id = 'SM2' WHERE id = ?", failing));
        assertThat(delivery("MessageSid", "SM2", "MessageStatus", "failed").status()).isEqualTo(204);
        assertThat(delivery("MessageSid", "SM2", "MessageStatus", "failed").status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM twilio_retry WHERE message_id = ?", failing)).isEqualTo(1);
        long retry = count("SELECT retry_id FROM twilio_retry WHERE message_id = ?", failing);
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'queued' AND mode_id IS NULL AND plan_id IS NULL AND incident_id IS NOT NULL", retry))
                .isEqualTo(1);

        // The retry failing too is not retried again.
        api.jdbi().useHandle(handle -> handle.execute("INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES ('SM3', ?, NULL)", retry));
        assertThat(delivery("MessageSid", "SM3", "MessageStatus", "failed").status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM twilio_retry")).isEqualTo(1);

        // Calls report with CallSid/CallStatus.
        assertThat(delivery("CallSid", "SM1", "CallStatus", "completed").status()).isEqualTo(204);

        assertThat(delivery("MessageSid", "SM404", "MessageStatus", "delivered").status()).isEqualTo(204);
        assertThat(delivery("MessageSid", "SM404", "MessageStatus", "failed").json().get("title").asText()).isEqualTo("No message id found for SID");
        assertThat(delivery("MessageSid", "SM1").json().get("title").asText()).isEqualTo("Invalid keys in payload");
    }

    @Test
    void aDeliveryUpdateThatBeatsTheSenderFindsTheMessageByTheIdInItsUrl()
    {
        long message = message(incident(), aliceId, applicationId, null);

        // Twilio answered the send with SM50, but the sender has not recorded it yet.
        assertThat(deliveryFor(String.valueOf(message), "MessageSid", "SM50", "MessageStatus", "delivered").status()).isEqualTo(204);
        assertThat(text("SELECT delivery_status FROM message WHERE id = ?", message)).isEqualTo("delivered");
        assertThat(count("SELECT message_id FROM twilio_delivery_status WHERE twilio_sid = 'SM50'")).isEqualTo(message);

        // The sender's late write of the SID keeps the status; a late "sent" does not move it back.
        api.jdbi().useHandle(handle -> {
            handle.execute("UPDATE message SET vendor_message_id = 'SM50' WHERE id = ?", message);
            handle.execute("""
                    INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES ('SM50', ?, NULL)
                    ON DUPLICATE KEY UPDATE message_id = VALUES(message_id)""", message);
        });
        assertThat(deliveryFor(String.valueOf(message), "MessageSid", "SM50", "MessageStatus", "sent").status()).isEqualTo(204);
        assertThat(text("SELECT delivery_status FROM message WHERE id = ?", message)).isEqualTo("delivered");
        assertThat(text("SELECT status FROM twilio_delivery_status WHERE twilio_sid = 'SM50'")).isEqualTo("delivered");
    }

    @Test
    void theIdInTheUrlDoesNotReachAMessageThatCarriesAnotherSid()
    {
        long message = message(incident(), aliceId, applicationId, null);
        api.jdbi().useHandle(handle -> handle.execute("UPDATE message SET vendor_message_id = 'SM60' WHERE id = ?", message));

        assertThat(deliveryFor(String.valueOf(message), "MessageSid", "SM61", "MessageStatus", "delivered").status()).isEqualTo(204);

        assertThat(text("SELECT delivery_status FROM message WHERE id = ?", message)).isNull();
        assertThat(count("SELECT COUNT(*) FROM twilio_delivery_status WHERE twilio_sid = 'SM61'")).isZero();
    }

    @Test
    void aDeliveryUpdateWithAMessageIdThatIsNotANumberIsABadRequest()
    {
        Response response = deliveryFor("12abc", "MessageSid", "SM70", "MessageStatus", "delivered");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Invalid message id");
    }

    @Test
    void stopAndStartToggleTheSmsContactAndTellAdmins()
    {
        String phone = "+14155550155";
        long gina = api.jdbi().inTransaction(handle -> new dev.iris.testing.seed.SeedWriter(handle).user("gina", false, Map.of("sms", "+1 415-555-0155")));
        long adminMails = count("SELECT COUNT(*) FROM message WHERE destination = 'carol@example.com'");

        assertThat(sms(phone, "STOP")).startsWith("You are unsubscribed");
        assertThat(count("SELECT disabled FROM target_contact WHERE target_id = ?", gina)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE destination = 'carol@example.com'")).isEqualTo(adminMails + 1);
        assertThat(text("SELECT subject FROM message WHERE destination = 'carol@example.com' ORDER BY id DESC LIMIT 1")).contains("gina");
        // Repeating it changes nothing and tells nobody again.
        assertThat(sms(phone, " stop ")).startsWith("You are unsubscribed");
        assertThat(count("SELECT COUNT(*) FROM message WHERE destination = 'carol@example.com'")).isEqualTo(adminMails + 1);

        assertThat(sms(phone, "Start")).startsWith("You are resubscribed");
        assertThat(count("SELECT disabled FROM target_contact WHERE target_id = ?", gina)).isZero();
        assertThat(count("SELECT COUNT(*) FROM response WHERE source = ?", phone)).isEqualTo(3);
    }

    @Test
    void onlyTheRelayMayPostResponses()
    {
        Response response = app.post("/v0/response/twilio/messages", form(Map.of("From", ALICE_PHONE, "Body", "a")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(api.anonymous().post("/v0/response/slack", "{}").status()).isEqualTo(401);
    }

    private static String sms(String from, String body)
    {
        Response response = relay.post("/v0/response/twilio/messages", form(Map.of("From", from, "Body", body)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("app_response").asText();
    }

    private static Response delivery(String... fields)
    {
        return relay.post("/v0/twilio/deliveryupdate", form(fields(fields)));
    }

    /**
     * A delivery update as the relay forwards a callback whose URL carries {@code ?message_id=}.
     */
    private static Response deliveryFor(String messageId, String... fields)
    {
        return relay.post("/v0/twilio/deliveryupdate?message_id=" + messageId, form(fields(fields)));
    }

    private static Map<String, String> fields(String... namesAndValues)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String form(Map<String, String> fields)
    {
        return fields.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String mail(Map<String, String> headers, String body)
    {
        List<Map<String, String>> list = headers.entrySet().stream().map(entry -> Map.of("name", entry.getKey(), "value", entry.getValue())).toList();
        return IrisTestClient.toJson(Map.of("headers", list, "body", body));
    }

    private static long incident()
    {
        Response response = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", "disk full")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    private static long message(Long incident, long target, long application, String batch)
    {
        return api.jdbi().withHandle(handle -> handle.createUpdate("""
                        INSERT INTO message (created, sent, application_id, target_id, incident_id, priority_id, mode_id, `status`, active,
                                             next_attempt_at, batch, subject, body)
                        VALUES (NOW(3), NOW(3), :app, :target, :incident, 2, 4, 'sent', 0, NOW(3), :batch, 'page', 'disk full')""")
                .bind("app", application).bind("target", target).bind("incident", incident).bind("batch", batch)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static String owner(long incident)
    {
        return text("SELECT t.name FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id = ?", incident);
    }

    private static long count(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> bind(handle.createQuery(sql), arguments).mapTo(Long.class).one());
    }

    private static String text(String sql, Object... arguments)
    {
        return api.jdbi().withHandle(handle -> bind(handle.createQuery(sql), arguments).mapTo(String.class).findOne().orElse(null));
    }

    private static Query bind(Query query, Object... arguments)
    {
        for (int i = 0; i < arguments.length; i++) {
            query.bind(i, arguments[i]);
        }
        return query;
    }
}
