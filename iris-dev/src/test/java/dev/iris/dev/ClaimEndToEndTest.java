package dev.iris.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.seed.SeedWriter.Notification;
import dev.iris.core.testing.TestingMariaDb;
import dev.iris.relay.IrisRelayApplication;
import dev.iris.relay.IrisRelayConfiguration;
import dev.iris.sender.IrisSenderApplication;
import dev.iris.sender.IrisSenderConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole claim path, in one JVM: iris-api, iris-sender (with the dev vendor, whose deliveries
 * land in the dev inbox table) and iris-relay on one fresh database. An incident pages Alice; she
 * claims it by a correctly signed SMS through the relay, by an email reply the relay picks up
 * from IMAP (GreenMail), or by a signed Slack button press; the incident is claimed once and the
 * plan's repeats never go out.
 */
final class ClaimEndToEndTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String RELAY_KEY = "relay-key-for-e2e";
    private static final String TWILIO_TOKEN = "twilio-token-for-e2e";
    private static final String SLACK_SECRET = "slack-secret-for-e2e";
    private static final String ALICE_PHONE = "+14155550100";
    private static final String ALICE_EMAIL = "alice@example.com";
    private static final String IRIS_MAILBOX = "iris@example.com";
    private static final String IRIS_LOGIN = "iris";
    private static final String IRIS_PASSWORD = "iris-mail-password";
    /** The plans repeat every {@value} seconds: an unclaimed incident would page again quickly. */
    private static final int REPEAT_WAIT_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(IRIS_MAILBOX, IRIS_LOGIN, IRIS_PASSWORD))
            .withPerMethodLifecycle(false);

    private static TestingIrisApi api;
    private static DropwizardTestSupport<IrisSenderConfiguration> sender;
    private static DropwizardTestSupport<IrisRelayConfiguration> relay;
    private static IrisTestClient app;
    private static Jdbi jdbi;
    private static Path senderConfig;
    private static Path relayConfig;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = TestingIrisApi.start();
        jdbi = api.jdbi();
        TestingMariaDb mariaDb = TestingMariaDb.get();
        String databaseUrl = api.instance(IrisApiConfiguration.class).getDatabase().configuredUrl().orElseThrow();
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            seed.application("iris", "iris-key", false, List.of());
            seed.application("iris-relay", RELAY_KEY, false, List.of());
            long alice = seed.user("alice", false, Map.of("sms", "+1 415-555-0100", "email", ALICE_EMAIL, "slack", "alice"));
            seed.template("page", alice, application, List.of("sms", "email", "slack"), "{{ title }}", "Something broke: {{ title }}");
            // high pages by SMS, medium by email; low goes to Slack for Alice.
            seed.plan("by-sms", alice, "", List.of(Notification.of(1, "user", alice, "high", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-email", alice, "", List.of(Notification.of(1, "user", alice, "medium", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-slack", alice, "", List.of(Notification.of(1, "user", alice, "low", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
        });
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_mode (target_id, priority_id, mode_id)
                SELECT t.id, p.id, m.id FROM target t, priority p, mode m
                WHERE t.name = 'alice' AND p.name = 'low' AND m.name = 'slack'"""));
        app = api.client("app", "app-key");

        senderConfig = writeConfig("iris-sender-e2e", """
                devMode: false
                vendors:
                  - type: dev
                    name: dev-inbox
                sender:
                  pollInterval: 50ms
                server:
                  applicationConnectors: []
                  adminConnectors:
                    - type: http
                      port: 0
                  requestLog:
                    appenders: []
                logging:
                  level: WARN
                """);
        // Own property prefixes: the API's overrides are "dw." system properties, shared by the JVM.
        sender = new DropwizardTestSupport<>(IrisSenderApplication.class, senderConfig.toString(), "sender.",
                ConfigOverride.config("sender.", "database.url", databaseUrl),
                ConfigOverride.config("sender.", "database.user", mariaDb.user()),
                ConfigOverride.config("sender.", "database.password", mariaDb.password()));
        sender.before();

        relayConfig = writeConfig("iris-relay-e2e", """
                apiUrl: %s
                relayApplication: iris-relay
                relayKey: %s
                twilio:
                  authTokens:
                    - %s
                slack:
                  signingSecret: %s
                email:
                  imap:
                    host: 127.0.0.1
                    port: %d
                    security: NONE
                    username: %s
                    password: %s
                    pollInterval: 100ms
                    timeout: 5s
                server:
                  applicationConnectors:
                    - type: http
                      port: 0
                  adminConnectors:
                    - type: http
                      port: 0
                  requestLog:
                    appenders: []
                logging:
                  level: WARN
                """.formatted(api.baseUri(), RELAY_KEY, TWILIO_TOKEN, SLACK_SECRET, GREEN_MAIL.getImap().getPort(), IRIS_LOGIN, IRIS_PASSWORD));
        relay = new DropwizardTestSupport<>(IrisRelayApplication.class, relayConfig.toString(), "relay.");
        relay.before();
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        if (relay != null) {
            relay.after();
        }
        if (sender != null) {
            sender.after();
        }
        if (api != null) {
            api.close();
        }
        Files.deleteIfExists(senderConfig);
        Files.deleteIfExists(relayConfig);
    }

    @Test
    void signedSmsReplyThroughTheRelayClaimsAndStopsThePaging()
    {
        long incident = trigger("by-sms");
        Page page = awaitPage(incident, "sms");
        assertThat(page.destination()).isEqualTo("+1 415-555-0100");

        String twiml = twilioSms(ALICE_PHONE, page.messageId() + " claim");

        assertThat(twiml).contains("<Message>Iris incident(" + incident + ") claimed.</Message>");
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void emailReplyPickedUpFromImapClaimsAndIsAnsweredByEmail()
            throws Exception
    {
        long incident = trigger("by-email");
        Page page = awaitPage(incident, "email");
        assertThat(page.destination()).isEqualTo(ALICE_EMAIL);
        assertThat(page.subject()).startsWith(page.messageId() + " ");

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(ALICE_EMAIL));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(IRIS_MAILBOX));
        reply.setSubject("Re: " + page.subject());
        reply.setText("claim\r\n\r\nOn Monday Iris wrote:\r\n> " + page.subject() + "\r\n", "UTF-8");
        reply.saveChanges();
        GREEN_MAIL.getUserManager().getUser(IRIS_LOGIN).deliver(reply);

        await("the incident claimed by email", () -> owner(incident).isPresent());
        assertClaimedOnceWithoutFurtherPages(incident);
        // The answer goes back by email, through the sender.
        await("the claim answer delivered", () -> count("""
                SELECT COUNT(*) FROM dev_inbox WHERE destination = ? AND mode = 'email' AND body = ?""",
                ALICE_EMAIL, "Iris incident(" + incident + ") claimed.") == 1);
    }

    @Test
    void slackButtonThroughTheRelayClaims()
            throws Exception
    {
        long incident = trigger("by-slack");
        Page page = awaitPage(incident, "slack");

        JsonNode answer = slackButton(page.messageId(), "claim", "alice");

        assertThat(answer.get("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertThat(answer.get("replace_original").asBoolean()).isFalse();
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void forgedSmsIsRefusedBeforeReachingTheApi()
    {
        long incident = trigger("by-sms");
        Page page = awaitPage(incident, "sms");
        String url = relayUrl("/api/v0/twilio/messages/relay");
        Map<String, String> form = sms(ALICE_PHONE, page.messageId() + " claim");
        HttpResponse<String> forged = post(url, formBody(form), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature("not-the-token", url, form)));
        assertThat(forged.statusCode()).isIn(401, 403);
        assertThat(owner(incident)).isEmpty();
        // The incident keeps escalating (and is claimed afterwards, so it stops paging).
        await("a repeat page", () -> count("SELECT COUNT(*) FROM dev_inbox d JOIN message m ON m.id = d.message_id WHERE m.incident_id = ?", incident) >= 2);
        twilioSms(ALICE_PHONE, page.messageId() + " claim");
        assertThat(owner(incident)).contains("alice");
    }

    private static void assertClaimedOnceWithoutFurtherPages(long incident)
    {
        assertThat(owner(incident)).contains("alice");
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed'", incident)).isEqualTo(1);
        long delivered = deliveredPages(incident);
        Instant claimedAt = Instant.ofEpochMilli(count("SELECT UNIX_TIMESTAMP(updated) * 1000 FROM incident WHERE id = ?", incident));
        // Past the moment the next repeat was due (measured on the database clock the sender uses).
        Instant pastNextRepeat = claimedAt.plusSeconds(2L * REPEAT_WAIT_SECONDS);
        await("the next repeat's due time to pass", () -> databaseNow().isAfter(pastNextRepeat));
        assertThat(deliveredPages(incident)).isEqualTo(delivered);
        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` IN ('queued', 'sending')", incident)).isZero();
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isZero();
    }

    private static long trigger(String plan)
    {
        IrisTestClient.Response response = app.post("/v0/incidents", Map.of("plan", plan, "context", Map.of("title", "disk full on db1")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    private record Page(long messageId, String destination, String subject) {}

    private static Page awaitPage(long incident, String mode)
    {
        await("a " + mode + " page for incident " + incident, () -> deliveredPages(incident) > 0);
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT d.message_id, d.destination, d.subject FROM dev_inbox d JOIN message m ON m.id = d.message_id
                        WHERE m.incident_id = :incident AND d.mode = :mode ORDER BY d.id LIMIT 1""")
                .bind("incident", incident).bind("mode", mode)
                .map((rs, context) -> new Page(rs.getLong("message_id"), rs.getString("destination"), rs.getString("subject")))
                .one());
    }

    private static long deliveredPages(long incident)
    {
        return count("SELECT COUNT(*) FROM dev_inbox d JOIN message m ON m.id = d.message_id WHERE m.incident_id = ?", incident);
    }

    private static Optional<String> owner(long incident)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT t.name FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id = :id")
                .bind("id", incident).mapTo(String.class).findOne());
    }

    private static Instant databaseNow()
    {
        return Instant.ofEpochMilli(count("SELECT FLOOR(UNIX_TIMESTAMP(NOW(3)) * 1000)"));
    }

    private static String twilioSms(String from, String body)
    {
        String url = relayUrl("/api/v0/twilio/messages/relay");
        Map<String, String> form = sms(from, body);
        HttpResponse<String> response = post(url, formBody(form), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature(TWILIO_TOKEN, url, form)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> sms(String from, String body)
    {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + "0".repeat(32));
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("From", from);
        form.put("To", "+15005550006");
        form.put("Body", body);
        return form;
    }

    private static JsonNode slackButton(long messageId, String action, String user)
            throws IOException
    {
        String payload = JSON.writeValueAsString(Map.of(
                "type", "interactive_message",
                "callback_id", String.valueOf(messageId),
                "actions", List.of(Map.of("name", action, "type", "button", "value", action)),
                "user", Map.of("id", "U123", "name", user)));
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpResponse<String> response = post(relayUrl("/api/v0/slack/messages/relay"), body, Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", SLACK_SECRET, "v0:" + timestamp + ":" + body))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Twilio's signature: base64 HMAC-SHA1 of the URL followed by each POST parameter's name and
     * value, sorted by name.
     */
    private static String twilioSignature(String token, String url, Map<String, String> form)
    {
        StringBuilder text = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> text.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", token, text.toString()));
    }

    private static byte[] hmac(String algorithm, String key, String text)
    {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formBody(Map<String, String> form)
    {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String relayUrl(String path)
    {
        return "http://localhost:" + relay.getLocalPort() + path;
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, Object... arguments)
    {
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static void await(String description, Supplier<Boolean> condition)
    {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + description);
            }
            // Nothing notifies the test of database changes: poll, bounded by the deadline.
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static Path writeConfig(String prefix, String yaml)
            throws IOException
    {
        Path file = Files.createTempFile(prefix, ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
