package dev.iris.sender.dispatch;

import dev.iris.core.message.EmailRecipients;
import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code target_list} notification is one message row with its To and Bcc lists (written by
 * the API's NotificationService); the sender sends it as one email.
 */
final class MultiRecipientEmailTest
{
    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor vendor;
    private Sender sender;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        sender = fixture.sender(vendor);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private void queueEmail(String destination, String recipients)
    {
        fixture.jdbi().useHandle(handle -> handle.execute("""
                        INSERT INTO message (created, application_id, destination, mode_id, subject, body, recipients, active, `status`, next_attempt_at)
                        SELECT ?, ?, ?, m.id, '[app] deploy', 'tonight', ?, 1, 'queued', ? FROM mode m WHERE m.name = 'email'""",
                fixture.clock().instant(), seed.app(), destination, recipients, fixture.clock().instant()));
    }

    @Test
    void sendsOneEmailToEveryRecipientWithBccApart()
    {
        EmailRecipients recipients = EmailRecipients.of(List.of("list@example.com", "alice@example.com"), List.of("bob@example.com"));
        queueEmail(recipients.destination(), recipients.toJson());
        runUntilIdle(sender);

        assertThat(vendor.sent()).singleElement().satisfies(email -> {
            assertThat(email.mode()).isEqualTo("email");
            assertThat(email.destination()).isEqualTo("list@example.com");
            assertThat(email.headers()).containsEntry("to", "list@example.com,alice@example.com").containsEntry("bcc", "bob@example.com");
            assertThat(email.subject()).isEqualTo("[app] deploy");
            assertThat(email.body()).isEqualTo("tonight");
        });
        assertThat(fixture.allMessages()).singleElement().extracting(Message::status).isEqualTo("sent");
    }

    @Test
    void oneRecipientEmailsCarryNoRecipientHeaders()
    {
        queueEmail("carol@example.com", null);
        runUntilIdle(sender);
        assertThat(vendor.sent()).singleElement().extracting(OutboundMessage::headers)
                .satisfies(headers -> assertThat(headers).doesNotContainKeys("to", "bcc"));
    }
}
