package dev.iris.relay.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.TestingRelay;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

final class ImapPollerTest
{
    private static final String USER = "iris@example.com";
    private static final String LOGIN = "iris";
    private static final String PASSWORD = "imap-password";
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, LOGIN, PASSWORD));

    private FakeIrisApi api;
    private TestingRelay relay;

    @BeforeEach
    void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
    }

    @AfterEach
    void stop()
    {
        if (relay != null) {
            relay.close();
        }
        api.close();
    }

    @Test
    void replyIsForwardedAndMarkedReadWhileAutoRepliesAreOnlyMarkedRead()
            throws Exception
    {
        deliver("alice@example.com", "Re: 4242 Disk full", "claim\r\n", null);
        deliver("bob@example.com", "Out of office", "I am away", "Auto-Submitted: auto-replied");
        deliver("list@example.com", "Digest", "news", "Precedence: bulk");
        startRelay();

        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(1, DEADLINE).get(0);
        awaitCondition("every mail marked read", () -> unreadSubjects().isEmpty());

        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/email");
        JsonNode mail = MAPPER.readTree(forwarded.body());
        assertThat(mail.get("body").asText()).startsWith("claim");
        assertThat(headerValues(mail, "Subject")).containsExactly("Re: 4242 Disk full");
        assertThat(headerValues(mail, "From")).containsExactly("alice@example.com");
        assertThat(api.forwarded()).hasSize(1);
    }

    @Test
    void mailStaysUnreadWhileTheApiFailsAndIsForwardedOnceItRecovers()
            throws Exception
    {
        api.respond("/v0/response/email", 503, "{\"title\": \"Service Unavailable\"}");
        deliver("alice@example.com", "Re: 7 page", "claim\r\n", null);
        startRelay();

        api.awaitForwarded(2, DEADLINE);
        assertThat(unreadSubjects()).containsExactly("Re: 7 page");

        api.respond("/v0/response/email", 204, "");
        awaitCondition("the mail marked read after the API recovered", () -> unreadSubjects().isEmpty());
        int attempts = api.forwarded().size();
        assertThat(api.forwarded()).allSatisfy(forwarded -> assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/email"));
        // Handled once the API took it: no further attempts.
        deliver("carol@example.com", "Re: 8 page", "claim\r\n", null);
        awaitCondition("the next mail handled", () -> unreadSubjects().isEmpty() && api.forwarded().size() > attempts);
        assertThat(api.forwarded().subList(attempts, api.forwarded().size()))
                .allSatisfy(forwarded -> assertThat(forwarded.body()).contains("Re: 8 page"));
    }

    @Test
    void mailTheApiRefusesIsMarkedReadAndNotRetried()
            throws Exception
    {
        api.respond("/v0/response/email", 400, "{\"title\": \"Invalid response\"}");
        deliver("alice@example.com", "hello", "what is this?\r\n", null);
        startRelay();

        api.awaitForwarded(1, DEADLINE);
        awaitCondition("the refused mail marked read", () -> unreadSubjects().isEmpty());
        deliver("bob@example.com", "second", "claim 5\r\n", null);
        awaitCondition("the second mail handled", () -> unreadSubjects().isEmpty() && api.forwarded().size() >= 2);

        assertThat(api.forwarded()).hasSize(2);
    }

    private void startRelay()
    {
        relay = TestingRelay.builder(api.url()).imap(GREEN_MAIL.getImap().getPort(), LOGIN, PASSWORD).start();
    }

    private static void deliver(String from, String subject, String text, String extraHeader)
            throws MessagingException
    {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        if (extraHeader != null) {
            int colon = extraHeader.indexOf(':');
            message.setHeader(extraHeader.substring(0, colon), extraHeader.substring(colon + 1).strip());
        }
        message.saveChanges();
        GreenMailUser user = GREEN_MAIL.getUserManager().getUser(LOGIN);
        user.deliver(message);
    }

    private static List<String> unreadSubjects()
    {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.peek", "true");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), LOGIN, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> unread = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    if (!message.getFlags().contains(Flags.Flag.SEEN)) {
                        unread.add(message.getSubject());
                    }
                }
                return unread;
            }
            finally {
                inbox.close(false);
            }
        }
        catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> headerValues(JsonNode mail, String name)
    {
        List<String> values = new ArrayList<>();
        mail.get("headers").forEach(header -> {
            if (header.get("name").asText().equalsIgnoreCase(name)) {
                values.add(header.get("value").asText());
            }
        });
        return values;
    }

    private static void awaitCondition(String description, BooleanSupplier condition)
    {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + description);
            }
            // The IMAP server offers no change notification: poll it, bounded by the deadline.
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
