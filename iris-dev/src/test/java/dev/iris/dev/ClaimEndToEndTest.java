package dev.iris.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.relay.IrisRelayApplication;
import dev.iris.relay.IrisRelayConfiguration;
import dev.iris.sender.IrisSenderApplication;
import dev.iris.sender.IrisSenderConfiguration;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.fakes.FakeMattermostServer;
import dev.iris.testing.fakes.FakeNtfyServer;
import dev.iris.testing.fakes.FakeSlackServer;
import dev.iris.testing.fakes.FakeTeamsServer;
import dev.iris.testing.fakes.FakeTelegramServer;
import dev.iris.testing.fakes.FakeTwilioServer;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The whole claim path, in one JVM: iris-api, iris-sender and iris-relay on one fresh database,
 * with the real Twilio, SMTP and Slack vendors talking to a fake Twilio, GreenMail (SMTP and IMAP)
 * a fake Slack and a fake ntfy server. An incident pages Alice; she claims it by an SMS the fake
 * Twilio signs and posts to the relay, by a key press on a call, by an email reply the relay picks
 * up from IMAP, by a signed Slack button press, by the claim button of an ntfy push, by a
 * Telegram button or text reply, by a Mattermost message button, or by the Claim link of a Teams card; the incident is claimed once and the plan's repeats never go out.
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
    private static final String TWILIO_ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String TWILIO_NUMBER = "+15005550006";
    private static final String SLACK_TOKEN = "xoxb-e2e-token";
    private static final String NTFY_TOKEN = "tk_e2e_ntfy_access_token";
    private static final String NTFY_SECRET = "ntfy-action-secret-for-e2e-0123456789";
    private static final String ALICE_TOPIC = "alice-pager-e2e";
    private static final String TELEGRAM_TOKEN = "123456789:AAH-e2e-telegram-bot-token";
    private static final String TELEGRAM_SECRET = "telegram-webhook-secret-for-e2e";
    private static final long ALICE_TELEGRAM = 5550001;
    private static final String MATTERMOST_HOOK = "e2emattermosthook0123456789";
    private static final String MATTERMOST_SECRET = "mattermost-action-secret-for-e2e-0123";
    private static final String TEAMS_SIG = "e2eTeamsWorkflowSig0123456789";
    private static final String TEAMS_SECRET = "teams-action-secret-for-e2e-0123456789";
    private static final Pattern LEADING_ID = Pattern.compile("^([0-9]+) ");
    /** The plans repeat every {@value} seconds: an unclaimed incident would page again quickly. */
    private static final int REPEAT_WAIT_SECONDS = 2;
    /** Long enough for the test to press the channel's button before step 2 is due. */
    private static final int COUNTDOWN_SECONDS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(IRIS_MAILBOX, IRIS_LOGIN, IRIS_PASSWORD))
            .withPerMethodLifecycle(false);

    private static TestingIrisApi api;
    private static FakeTwilioServer twilio;
    private static FakeSlackServer slack;
    private static FakeNtfyServer ntfy;
    private static FakeTelegramServer telegram;
    private static FakeMattermostServer mattermost;
    private static FakeTeamsServer teams;
    private static DropwizardTestSupport<IrisSenderConfiguration> sender;
    private static DropwizardTestSupport<IrisRelayConfiguration> relay;
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
            long push = seed.application("push", "push-key", false, List.of("title"));
            long alice = seed.user("alice", false, Map.of("sms", ALICE_PHONE, "call", ALICE_PHONE, "email", ALICE_EMAIL, "slack", "alice",
                    "ntfy", ALICE_TOPIC, "telegram", String.valueOf(ALICE_TELEGRAM), "mattermost", "alice", "teams", ALICE_EMAIL));
            // The chat and push channels, through the application "push" (Alice chose them for it).
            seed.template("push-page", alice, push, List.of("ntfy", "telegram", "mattermost", "teams"), "{{ title }}", "Something broke: {{ title }}");
            seed.plan("by-telegram", alice, "", List.of(Notification.of(1, "user", alice, "high", "push-page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-mattermost", alice, "", List.of(Notification.of(1, "user", alice, "medium", "push-page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-teams", alice, "", List.of(Notification.of(1, "user", alice, "low", "push-page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-ntfy", alice, "", List.of(Notification.of(1, "user", alice, "urgent", "push-page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            // A countdown in ops' Mattermost channel, then Alice by Mattermost direct message.
            long ops = seed.team("ops", List.of(alice));
            seed.plan("countdown", alice, "", List.of(Notification.of(1, "team", ops, "medium", "push-page", 0, COUNTDOWN_SECONDS),
                    Notification.of(2, "user", alice, "medium", "push-page", 0, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.template("page", alice, application, List.of("sms", "call", "email", "slack"), "{{ title }}", "Something broke: {{ title }}");
            // urgent calls, high pages by SMS, medium by email; low goes to Slack for Alice.
            seed.plan("by-call", alice, "", List.of(Notification.of(1, "user", alice, "urgent", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-sms", alice, "", List.of(Notification.of(1, "user", alice, "high", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-email", alice, "", List.of(Notification.of(1, "user", alice, "medium", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
            seed.plan("by-slack", alice, "", List.of(Notification.of(1, "user", alice, "low", "page", 3, REPEAT_WAIT_SECONDS)), 900, 100, 300, 300);
        });
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_mode (target_id, priority_id, mode_id)
                SELECT t.id, p.id, m.id FROM target t, priority p, mode m
                WHERE t.name = 'alice' AND p.name = 'low' AND m.name = 'slack'"""));
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id)
                SELECT t.id, a.id, p.id, m.id FROM target t, application a, priority p, mode m
                WHERE t.name = 'alice' AND a.name = 'push' AND p.name = 'urgent' AND m.name = 'ntfy'"""));
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id)
                SELECT t.id, a.id, p.id, m.id FROM target t, application a, priority p, mode m
                WHERE t.name = 'alice' AND a.name = 'push' AND p.name = 'high' AND m.name = 'telegram'"""));
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id)
                SELECT t.id, a.id, p.id, m.id FROM target t, application a, priority p, mode m
                WHERE t.name = 'alice' AND a.name = 'push' AND p.name = 'medium' AND m.name = 'mattermost'"""));
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id)
                SELECT t.id, a.id, p.id, m.id FROM target t, application a, priority p, mode m
                WHERE t.name = 'alice' AND a.name = 'push' AND p.name = 'low' AND m.name = 'teams'"""));

        jdbi.useHandle(handle -> handle.execute("""
                UPDATE plan_notification pn JOIN plan p ON p.id = pn.plan_id SET pn.countdown = 1
                WHERE p.name = 'countdown' AND pn.step = 1"""));
        jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO target_contact (target_id, mode_id, destination)
                SELECT t.id, m.id, '~ops-oncall' FROM target t, mode m WHERE t.name = 'ops' AND m.name = 'mattermost'"""));

        twilio = FakeTwilioServer.start(TWILIO_ACCOUNT, TWILIO_TOKEN);
        slack = FakeSlackServer.start(SLACK_TOKEN);
        ntfy = FakeNtfyServer.start(NTFY_TOKEN);
        telegram = FakeTelegramServer.start(TELEGRAM_TOKEN);
        mattermost = FakeMattermostServer.start(MATTERMOST_HOOK, java.util.Set.of("alice"));
        teams = FakeTeamsServer.start("e2eflow", TEAMS_SIG);

        relayConfig = writeConfig("iris-relay-e2e", """
                apiUrl: %s
                relayApplication: iris-relay
                relayKey: %s
                twilio:
                  authTokens:
                    - %s
                slack:
                  signingSecret: %s
                ntfy:
                  actionSecret: %s
                telegram:
                  secretToken: %s
                mattermost:
                  actionSecret: %s
                teams:
                  actionSecret: %s
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
                """.formatted(api.baseUri(), RELAY_KEY, TWILIO_TOKEN, SLACK_SECRET, NTFY_SECRET, TELEGRAM_SECRET, MATTERMOST_SECRET, TEAMS_SECRET, GREEN_MAIL.getImap().getPort(), IRIS_LOGIN, IRIS_PASSWORD));
        // Own property prefixes: the API's overrides are "dw." system properties, shared by the JVM.
        relay = new DropwizardTestSupport<>(IrisRelayApplication.class, relayConfig.toString(), "relay.");
        relay.before();

        senderConfig = writeConfig("iris-sender-e2e", """
                devMode: false
                vendors:
                  - type: twilio
                    name: twilio
                    config:
                      account_sid: %s
                      auth_token: %s
                      twilio_number: "%s"
                      relay_base_url: %s
                      api_base_url: %s
                  - type: smtp
                    name: smtp
                    config:
                      smtp_server: 127.0.0.1
                      port: "%d"
                      tls: none
                      from: %s
                  - type: slack
                    name: slack
                    config:
                      auth_token: %s
                      base_url: %s
                      iris_incident_url: http://localhost/incidents
                  - type: ntfy
                    name: ntfy
                    config:
                      server_url: %s
                      access_token: %s
                      relay_base_url: %s
                      action_secret: %s
                      iris_incident_url: http://localhost/incidents
                  - type: telegram
                    name: telegram
                    config:
                      bot_token: "%s"
                      base_url: %s
                      iris_incident_url: http://localhost/incidents
                  - type: mattermost
                    name: mattermost
                    config:
                      webhook_url: %s
                      relay_base_url: %s
                      action_secret: %s
                      iris_incident_url: http://localhost/incidents
                  - type: teams
                    name: teams
                    config:
                      webhook_url: "%s"
                      relay_base_url: %s
                      action_secret: %s
                      iris_incident_url: http://localhost/incidents
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
                """.formatted(TWILIO_ACCOUNT, TWILIO_TOKEN, TWILIO_NUMBER, relayUrl(""), twilio.baseUrl(),
                GREEN_MAIL.getSmtp().getPort(), IRIS_MAILBOX, SLACK_TOKEN, slack.apiBaseUrl(),
                ntfy.baseUrl(), NTFY_TOKEN, relayUrl(""), NTFY_SECRET, TELEGRAM_TOKEN, telegram.baseUrl(),
                mattermost.webhookUrl(), relayUrl(""), MATTERMOST_SECRET, teams.webhookUrl(), relayUrl(""), TEAMS_SECRET));
        sender = new DropwizardTestSupport<>(IrisSenderApplication.class, senderConfig.toString(), "sender.",
                ConfigOverride.config("sender.", "database.url", databaseUrl),
                ConfigOverride.config("sender.", "database.user", mariaDb.user()),
                ConfigOverride.config("sender.", "database.password", mariaDb.password()));
        sender.before();
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        if (sender != null) {
            sender.after();
        }
        if (relay != null) {
            relay.after();
        }
        if (twilio != null) {
            twilio.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (ntfy != null) {
            ntfy.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (mattermost != null) {
            mattermost.close();
        }
        if (teams != null) {
            teams.close();
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
        FakeTwilioServer.SentMessage page = awaitSms(incident);
        long messageId = leadingId(page.body());

        FakeTwilioServer.Answer answer = twilio.sendInboundSms(relayUrl("/api/v0/twilio/messages/relay"), ALICE_PHONE, TWILIO_NUMBER, messageId + " claim");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Iris incident(" + incident + ") claimed.</Message>");
        assertClaimedOnceWithoutFurtherPages(incident);
        // A double tap: the same answer, still one claim.
        assertThat(twilio.sendInboundSms(relayUrl("/api/v0/twilio/messages/relay"), ALICE_PHONE, TWILIO_NUMBER, "claim " + messageId).body())
                .contains("<Message>Iris incident(" + incident + ") claimed.</Message>");
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed'", incident)).isEqualTo(1);
    }

    @Test
    void keyPressOnACallClaims()
    {
        long incident = trigger("by-call");
        await("a call for incident " + incident, () -> sentPages(incident) > 0 && !twilio.calls().isEmpty());
        FakeTwilioServer.PlacedCall call = twilio.calls().stream()
                .filter(candidate -> candidate.to().equals(ALICE_PHONE))
                .reduce((first, second) -> second)
                .orElseThrow();

        FakeTwilioServer.Answer menu = twilio.answerCall(call.sid(), "human");
        assertThat(menu.status()).as(menu.body()).isEqualTo(200);
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(menu.body());
        assertThat(action.find()).as(menu.body()).isTrue();
        String actionUrl = action.group(1).replace("&amp;", "&");
        FakeTwilioServer.Answer pressed = twilio.pressDigits(call.sid(), actionUrl, "2");

        assertThat(pressed.body()).contains("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void emailReplyPickedUpFromImapClaimsAndIsAnsweredByEmail()
            throws Exception
    {
        long incident = trigger("by-email");
        MimeMessage page = awaitMail(ALICE_EMAIL, subject -> subject.contains("disk full on db1"));
        long messageId = leadingId(page.getSubject());

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(ALICE_EMAIL));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(IRIS_MAILBOX));
        reply.setSubject("Re: " + page.getSubject());
        reply.setHeader("In-Reply-To", page.getMessageID());
        reply.setText("claim\r\n\r\nOn Monday Iris wrote:\r\n> " + page.getSubject() + "\r\n", "UTF-8");
        reply.saveChanges();
        GREEN_MAIL.getUserManager().getUser(IRIS_LOGIN).deliver(reply);

        await("the incident claimed by email", () -> owner(incident).isPresent());
        assertThat(messageId).isPositive();
        assertClaimedOnceWithoutFurtherPages(incident);
        // The answer goes back by email, through the sender.
        String answerSubject = "Re: Re: " + page.getSubject();
        MimeMessage answer = awaitMail(ALICE_EMAIL, answerSubject::equals);
        assertThat(GreenMailUtil.getBody(answer)).contains("Iris incident(" + incident + ") claimed.");
    }

    @Test
    void slackButtonThroughTheRelayClaims()
            throws Exception
    {
        long incident = trigger("by-slack");
        await("a Slack page for incident " + incident, () -> sentPages(incident) > 0);
        long messageId = slack.messages().stream()
                .map(posted -> posted.payload().path("attachments").path(0).path("callback_id").asText(""))
                .filter(callbackId -> !callbackId.isEmpty())
                .mapToLong(Long::parseLong)
                .filter(id -> count("SELECT COUNT(*) FROM message WHERE id = ? AND incident_id = ?", id, incident) == 1)
                .findFirst()
                .orElseThrow();

        FakeSlackServer.Answer answer = slack.pressButton(relayUrl("/api/v0/slack/messages/relay"), SLACK_SECRET, messageId, "claim", "alice",
                Instant.now().getEpochSecond());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(answer.body());
        assertThat(json.get("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertThat(json.get("replace_original").asBoolean()).isFalse();
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void ntfyClaimButtonThroughTheRelayClaimsOnceAndASecondTapIsRefused()
            throws Exception
    {
        long incident = trigger("push", "push-key", "by-ntfy");
        await("an ntfy push for incident " + incident, () -> pushFor(incident).isPresent());
        FakeNtfyServer.Published push = pushFor(incident).orElseThrow();
        assertThat(push.topic()).isEqualTo(ALICE_TOPIC);
        assertThat(push.priority()).as("urgent is ntfy's max priority").isEqualTo(5);

        FakeNtfyServer.Answer answer = ntfy.tapAction(push, "Claim");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
        FakeNtfyServer.Answer again = ntfy.tapAction(push, "Claim");
        assertThat(again.status()).as("single use").isEqualTo(409);
    }

    @Test
    void telegramClaimButtonThroughTheRelayClaims()
            throws Exception
    {
        long incident = trigger("push", "push-key", "by-telegram");
        FakeTelegramServer.SentMessage page = awaitTelegram(incident);
        assertThat(page.chatId()).isEqualTo(String.valueOf(ALICE_TELEGRAM));

        FakeTelegramServer.Answer answer = telegram.pressButton(relayUrl("/api/v0/telegram/webhook"), TELEGRAM_SECRET, page, ALICE_TELEGRAM,
                page.callbackData().get(0));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(answer.body());
        assertThat(json.path("method").asText()).isEqualTo("answerCallbackQuery");
        assertThat(json.path("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void telegramTextReplyClaimsAndAForgedUpdateDoesNot()
            throws Exception
    {
        long incident = trigger("push", "push-key", "by-telegram");
        FakeTelegramServer.SentMessage page = awaitTelegram(incident);
        String webhook = relayUrl("/api/v0/telegram/webhook");

        assertThat(telegram.reply(webhook, "not-the-secret", page, ALICE_TELEGRAM, "claim").status()).isEqualTo(401);
        assertThat(owner(incident)).isEmpty();
        FakeTelegramServer.Answer answer = telegram.reply(webhook, TELEGRAM_SECRET, page, ALICE_TELEGRAM, "claim");

        assertThat(JSON.readTree(answer.body()).path("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void mattermostClaimButtonThroughTheRelayClaimsAndUpdatesThePost()
            throws Exception
    {
        long incident = trigger("push", "push-key", "by-mattermost");
        await("a Mattermost post for incident " + incident, () -> mattermostFor(incident).isPresent());
        FakeMattermostServer.Post post = mattermostFor(incident).orElseThrow();
        assertThat(post.channel()).isEqualTo("@alice");

        FakeMattermostServer.Answer answer = mattermost.pressButton(post, "Claim", "alice");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.ephemeralText()).contains("Iris incident(" + incident + ") claimed.");
        assertThat(post.action("Claim")).as("the post lost its button").isEmpty();
        assertThat(post.payload().path("attachments").path(0).path("text").asText()).isEqualTo("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
    }

    @Test
    void aClaimInTheTeamChannelDuringTheCountdownStopsTheNextStep()
    {
        long incident = trigger("push", "push-key", "countdown");
        await("the countdown in ops' channel for incident " + incident, () -> mattermostFor(incident).isPresent());
        FakeMattermostServer.Post post = mattermostFor(incident).orElseThrow();
        assertThat(post.channel()).isEqualTo("ops-oncall");
        assertThat(post.payload().path("attachments").path(0).path("text").asText())
                .startsWith("Countdown for incident " + incident + ": unless someone claims it here, step 2 pages alice (user of alice) at ");

        // Anyone in the channel may press; the claim is theirs.
        FakeMattermostServer.Answer answer = mattermost.pressButton(post, "Claim", "alice");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.ephemeralText()).contains("Iris incident(" + incident + ") claimed.");
        assertThat(owner(incident)).contains("alice");
        Instant stepTwoDue = Instant.ofEpochMilli(count("SELECT UNIX_TIMESTAMP(created) * 1000 FROM message WHERE incident_id = ?", incident))
                .plusSeconds(COUNTDOWN_SECONDS + 2);
        await("step 2's due time to pass", () -> databaseNow().isAfter(stepTwoDue));
        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ?", incident)).as("only the countdown post").isEqualTo(1);
        assertThat(mattermost.posts().stream().filter(sent -> sent.channel().equals("@alice") && sent.titleLink().endsWith("/incidents/" + incident)))
                .isEmpty();
    }

    @Test
    void teamsClaimLinkOpensAConfirmationPageWhoseButtonClaimsOnce()
    {
        long incident = trigger("push", "push-key", "by-teams");
        await("a Teams card for incident " + incident, () -> teamsFor(incident).isPresent());
        FakeTeamsServer.Card card = teamsFor(incident).orElseThrow();
        assertThat(card.mentioned()).containsExactly(ALICE_EMAIL);
        String link = card.openUrl("Claim").orElseThrow();

        // What a browser does: the page is fetched without the fragment; its script puts the
        // fragment (the token) into the form, and the person presses Claim.
        String page = link.substring(0, link.indexOf('#'));
        HttpResponse<String> confirmation = get(page);
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(owner(incident)).as("opening the link claims nothing").isEmpty();
        String form = "token=" + URLEncoder.encode(link.substring(link.indexOf('#') + 1), StandardCharsets.UTF_8);
        HttpResponse<String> claimed = post(page, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.body()).contains("Iris incident(" + incident + ") claimed.");
        assertClaimedOnceWithoutFurtherPages(incident);
        assertThat(post(page, form, Map.of("Content-Type", "application/x-www-form-urlencoded")).statusCode()).as("single use").isEqualTo(409);
    }

    private static Optional<FakeTeamsServer.Card> teamsFor(long incident)
    {
        return teams.cards().stream().filter(card -> card.openUrl("Open incident").orElse("").endsWith("/incidents/" + incident)).findFirst();
    }

    private static Optional<FakeMattermostServer.Post> mattermostFor(long incident)
    {
        return mattermost.posts().stream().filter(post -> post.titleLink().endsWith("/incidents/" + incident)).findFirst();
    }

    private static FakeTelegramServer.SentMessage awaitTelegram(long incident)
    {
        await("a Telegram page for incident " + incident, () -> telegramFor(incident).isPresent());
        return telegramFor(incident).orElseThrow();
    }

    private static Optional<FakeTelegramServer.SentMessage> telegramFor(long incident)
    {
        return telegram.sent().stream()
                .filter(sent -> {
                    Matcher id = LEADING_ID.matcher(sent.text());
                    return id.find() && count("SELECT COUNT(*) FROM message WHERE id = ? AND incident_id = ?", Long.parseLong(id.group(1)), incident) == 1;
                })
                .findFirst();
    }

    private static Optional<FakeNtfyServer.Published> pushFor(long incident)
    {
        return ntfy.published().stream().filter(push -> push.click().endsWith("/incidents/" + incident)).findFirst();
    }

    @Test
    void forgedSmsIsRefusedBeforeReachingTheApi()
    {
        long incident = trigger("by-sms");
        long messageId = leadingId(awaitSms(incident).body());
        String url = relayUrl("/api/v0/twilio/messages/relay");
        Map<String, String> form = sms(ALICE_PHONE, messageId + " claim");
        HttpResponse<String> forged = post(url, formBody(form), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature("not-the-token", url, form)));
        assertThat(forged.statusCode()).isIn(401, 403);
        assertThat(owner(incident)).isEmpty();
        // The incident keeps paging until a genuine reply claims it.
        await("a repeat page", () -> sentPages(incident) >= 2);
        assertThat(twilio.sendInboundSms(url, ALICE_PHONE, TWILIO_NUMBER, messageId + " claim").body()).contains("claimed");
        assertThat(owner(incident)).contains("alice");
    }

    @Test
    void failedSmsStatusCallbackQueuesExactlyOneRetry()
    {
        long incident = trigger("by-sms");
        FakeTwilioServer.SentMessage page = awaitSms(incident);
        long messageId = leadingId(page.body());
        // Twilio can call back before the sender has recorded the SID; here the callback comes after.
        await("the SID recorded", () -> count("SELECT COUNT(*) FROM message WHERE id = ? AND vendor_message_id = ?", messageId, page.sid()) == 1);

        assertThat(twilio.sendStatusCallback(page.sid(), "failed", FakeTwilioServer.UNREACHABLE)).isEqualTo(204);
        assertThat(twilio.sendStatusCallback(page.sid(), "failed", FakeTwilioServer.UNREACHABLE)).isEqualTo(204);
        assertThat(twilio.sendStatusCallback(page.sid(), "sent", null)).isEqualTo(204);

        assertThat(count("SELECT COUNT(*) FROM twilio_retry WHERE message_id = ?", messageId)).isEqualTo(1);
        long retry = count("SELECT retry_id FROM twilio_retry WHERE message_id = ?", messageId);
        await("the retry sent to Twilio", () -> count("SELECT COUNT(*) FROM message WHERE id = ? AND `status` = 'sent'", retry) == 1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE id = ? AND delivery_status = 'failed'", messageId)).isEqualTo(1);
        twilio.sendInboundSms(relayUrl("/api/v0/twilio/messages/relay"), ALICE_PHONE, TWILIO_NUMBER, messageId + " claim");
        assertThat(owner(incident)).contains("alice");
    }

    private static void assertClaimedOnceWithoutFurtherPages(long incident)
    {
        assertThat(owner(incident)).contains("alice");
        assertThat(count("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? AND kind = 'claimed'", incident)).isEqualTo(1);
        long delivered = sentPages(incident);
        Instant claimedAt = Instant.ofEpochMilli(count("SELECT UNIX_TIMESTAMP(updated) * 1000 FROM incident WHERE id = ?", incident));
        // Past the moment the next repeat was due (measured on the database clock the sender uses).
        Instant pastNextRepeat = claimedAt.plusSeconds(2L * REPEAT_WAIT_SECONDS);
        await("the next repeat's due time to pass", () -> databaseNow().isAfter(pastNextRepeat));
        assertThat(sentPages(incident)).isEqualTo(delivered);
        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` IN ('queued', 'sending')", incident)).isZero();
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", incident)).isZero();
    }

    private static long trigger(String plan)
    {
        return trigger("app", "app-key", plan);
    }

    private static long trigger(String application, String key, String plan)
    {
        // Signed on Iris's 30-second window (as iris-relay signs): a loaded machine can take longer
        // than the 5-second window between signing and checking.
        IrisTestClient.Response response = IrisTestClient.signedOnRelayWindow(api.baseUri(), application, key)
                .post("/v0/incidents", Map.of("plan", plan, "context", Map.of("title", "disk full on db1")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return Long.parseLong(response.body());
    }

    private static long sentPages(long incident)
    {
        return count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` = 'sent'", incident);
    }

    private static FakeTwilioServer.SentMessage awaitSms(long incident)
    {
        await("an SMS page for incident " + incident, () -> smsFor(incident).isPresent());
        return smsFor(incident).orElseThrow();
    }

    private static Optional<FakeTwilioServer.SentMessage> smsFor(long incident)
    {
        return twilio.messages().stream()
                .filter(sms -> sms.to().equals(ALICE_PHONE))
                .filter(sms -> {
                    Matcher id = LEADING_ID.matcher(sms.body());
                    return id.find() && count("SELECT COUNT(*) FROM message WHERE id = ? AND incident_id = ?", Long.parseLong(id.group(1)), incident) == 1;
                })
                .findFirst();
    }

    private static MimeMessage awaitMail(String recipient, java.util.function.Predicate<String> subject)
    {
        await("a mail to " + recipient, () -> mailTo(recipient, subject).isPresent());
        return mailTo(recipient, subject).orElseThrow();
    }

    private static Optional<MimeMessage> mailTo(String recipient, java.util.function.Predicate<String> subject)
    {
        for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
            try {
                if (message.getAllRecipients() != null && message.getAllRecipients()[0].toString().contains(recipient)
                        && message.getSubject() != null && subject.test(message.getSubject())) {
                    return Optional.of(message);
                }
            }
            catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private static long leadingId(String text)
    {
        Matcher id = LEADING_ID.matcher(text);
        assertThat(id.find()).as("the message id leads " + text).isTrue();
        return Long.parseLong(id.group(1));
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

    private static HttpResponse<String> get(String url)
    {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET());
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
    {
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
