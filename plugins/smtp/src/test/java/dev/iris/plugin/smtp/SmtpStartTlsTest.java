package dev.iris.plugin.smtp;

import dev.iris.plugin.smtp.StartTlsSmtpServer.Login;
import dev.iris.plugin.smtp.StartTlsSmtpServer.Received;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.iris.plugin.smtp.TestMessages.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The smtp vendor against a real server that offers STARTTLS and refuses anything but EHLO,
 * STARTTLS and QUIT on a plain connection.
 */
final class SmtpStartTlsTest
{
    private static final String PASSWORD = "starttls-pa55word-secret";

    private final StartTlsSmtpServer server = new StartTlsSmtpServer("iris", PASSWORD);

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    @Test
    void upgradesWithStartTlsThenLogsInAndDelivers()
            throws Exception
    {
        try (LogCapture logs = LogCapture.captureAll()) {
            Vendor vendor = vendor(startTls(Map.of()));

            SendResult result = vendor.send(email("oncall@example.com", "[7] Disk full"));
            vendor.close();

            assertThat(server.received()).singleElement().satisfies(received -> {
                assertThat(received.tlsProtocol()).hasValueSatisfying(protocol -> assertThat(protocol).startsWith("TLSv1."));
                assertThat(received.envelopeTo()).isEqualTo("oncall@example.com");
                assertThat(received.envelopeFrom()).isEqualTo("iris@example.com");
                assertThat(received.message().getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("oncall@example.com"));
                assertThat(received.message().getSubject()).isEqualTo("[7] Disk full");
                assertThat(received.message().getMessageID()).isEqualTo(result.vendorMessageId());
                assertThat(received.message().getHeader("X-IRIS-APPLICATION")).containsExactly("grafana");
                assertThat(received.message().getHeader("X-IRIS-PRIORITY")).containsExactly("high");
                assertThat(received.message().getHeader("X-IRIS-PLAN")).containsExactly("db-plan");
                assertThat(received.message().getHeader("X-IRIS-INCIDENT-ID")).containsExactly("7");
            });
            // The password only ever travelled inside TLS.
            assertThat(server.logins()).containsExactly(new Login("iris", true));
            assertThat(logs.text()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void reusesTheUpgradedConnection()
            throws Exception
    {
        SmtpVendor vendor = (SmtpVendor) vendor(startTls(Map.of()));

        vendor.send(email("a@example.com", "first"));
        vendor.send(email("b@example.com", "second"));
        vendor.close();

        assertThat(server.received()).extracting(Received::envelopeTo).containsExactly("a@example.com", "b@example.com");
        assertThat(server.received()).allSatisfy(received -> assertThat(received.tlsProtocol()).isPresent());
        assertThat(vendor.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void untrustedCertificateIsAConfigurationFailure()
    {
        // Without ssl_trust the self-signed test certificate fails validation, as it must.
        Map<String, String> settings = startTls(Map.of());
        settings.remove("ssl_trust");

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(settings).send(email("oncall@example.com", "s")));

        assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(failure.getMessage()).contains("TLS").doesNotContain(PASSWORD);
        assertThat(server.received()).isEmpty();
        assertThat(server.logins()).isEmpty();
    }

    @Test
    void plainTextClientIsRefusedSoTheUpgradeAboveIsReal()
    {
        // Control for the tests above: this server really refuses mail without STARTTLS.
        VendorException failure = catchThrowableOfType(VendorException.class,
                () -> vendor(startTls(Map.of("tls", "none"))).send(email("oncall@example.com", "s")));

        assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(failure.getMessage()).doesNotContain(PASSWORD);
        assertThat(server.received()).isEmpty();
        assertThat(server.logins()).isEmpty();
    }

    private Map<String, String> startTls(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        // The test certificate names localhost, and the client checks the host name.
        settings.put("smtp_server", "localhost");
        settings.put("port", String.valueOf(server.port()));
        settings.put("tls", "starttls");
        settings.put("ssl_trust", "localhost");
        settings.put("from", "Iris <iris@example.com>");
        settings.put("username", "iris");
        settings.put("password", PASSWORD);
        settings.putAll(overrides);
        return settings;
    }

    private static Vendor vendor(Map<String, String> settings)
    {
        return new SmtpVendorFactory().create(new PluginConfig("smtp-starttls-test", settings), new PluginContext() {});
    }
}
