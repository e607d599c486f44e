package dev.iris.plugin.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.Vendor;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-recipient email (a {@code target_list} notification) carries its To and Bcc lists in
 * the {@code to} and {@code bcc} headers of the outbound message.
 */
final class SmtpMultiRecipientTest
{
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void sendsOneEmailToTheToListAndTheBccListWithoutShowingBcc()
            throws Exception
    {
        Vendor vendor = new SmtpVendorFactory().create(new PluginConfig("smtp-test", Map.of(
                "smtp_server", "127.0.0.1",
                "port", String.valueOf(MAIL.getSmtp().getPort()),
                "tls", "none",
                "from", "iris@example.com")), new PluginContext() {});

        vendor.send(new OutboundMessage(42, "email", "list@example.com", "[app] deploy", "tonight", null, "app", null, null, null, null, false,
                Map.of("to", "list@example.com,alice@example.com", "bcc", "bob@example.com")));

        // One message, delivered to all three mailboxes.
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(Arrays.stream(received).map(message -> {
            try {
                return message.getMessageID();
            }
            catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(1);
        MimeMessage email = received[0];
        assertThat(email.getRecipients(RecipientType.TO))
                .containsExactly(new InternetAddress("list@example.com"), new InternetAddress("alice@example.com"));
        // Bcc recipients get the mail, but nobody sees them.
        assertThat(email.getHeader("Bcc")).isNull();
        assertThat(MAIL.getManagers().getImapHostManager().getInbox(MAIL.getUserManager().getUserByEmail("bob@example.com"))
                .getMessageCount()).isEqualTo(1);
    }
}
