package dev.iris.plugin.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class SmtpVendorTest
{
    private static final String PASSWORD = "smtp-pa55word-secret";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(servers())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("iris@example.com", "iris", PASSWORD))
            .withPerMethodLifecycle(false);

    private static ServerSetup[] servers()
    {
        // A test key store whose certificate names localhost (GreenMail's own names no host), so
        // implicit TLS runs with the host name check on, as in production.
        System.setProperty("greenmail.tls.keystore.file", TestKeyStore.path());
        System.setProperty("greenmail.tls.keystore.password", TestKeyStore.PASSWORD);
        ServerSetup[] servers = {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()};
        for (ServerSetup server : servers) {
            // Loading the TLS key store is slow on a busy machine.
            server.setServerStartupTimeout(30_000);
        }
        return servers;
    }

    @BeforeEach
    void emptyMailboxes()
            throws Exception
    {
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("smtp");
        assertThat(new SmtpVendorFactory().getSecuritySensitivePropertyNames()).containsExactly("password");
    }

    @Test
    void sendsMultipartMailWithIrisHeaders()
            throws Exception
    {
        Vendor vendor = vendor(plain(Map.of("reply_to", "Iris inbound <inbound@iris.example.com>")));

        SendResult result = vendor.send(message("oncall@example.com", "[42] Disk full <b>", "line 1\n<script>x</script>", Map.of()));

        MimeMessage received = single();
        assertThat(received.getMessageID()).isEqualTo(result.vendorMessageId()).startsWith("<iris.42.").endsWith("@example.com>");
        assertThat(received.getSubject()).isEqualTo("[42] Disk full <b>");
        assertThat(received.getFrom()).containsExactly(new InternetAddress("Iris <iris@example.com>"));
        assertThat(received.getReplyTo()).containsExactly(new InternetAddress("inbound@iris.example.com"));
        assertThat(received.getHeader("X-IRIS-APPLICATION")).containsExactly("grafana");
        assertThat(received.getHeader("X-IRIS-PRIORITY")).containsExactly("high");
        assertThat(received.getHeader("X-IRIS-PLAN")).containsExactly("db-plan");
        assertThat(received.getHeader("X-IRIS-INCIDENT-ID")).containsExactly("7");
        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("line 1\n<script>x</script>");
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat((String) html.getContent()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void usesApplicationSenderAndHtmlBodyWhenGiven()
            throws Exception
    {
        OutboundMessage message = new OutboundMessage(43, "email", "oncall@example.com", "s", "plain", "<p>rich</p>", "grafana", "low",
                null, null, null, false, Map.of("from", "grafana-alerts@example.com", "reply_to", "replies@example.com"));

        vendor(plain(Map.of())).send(message);

        MimeMessage received = single();
        assertThat(received.getFrom()).containsExactly(new InternetAddress("grafana-alerts@example.com"));
        assertThat(received.getReplyTo()).containsExactly(new InternetAddress("replies@example.com"));
        assertThat(received.getHeader("X-IRIS-INCIDENT-ID")).isNull();
        assertThat((String) ((MimeMultipart) received.getContent()).getBodyPart(1).getContent()).isEqualTo("<p>rich</p>");
    }

    @Test
    void reusesOneConnectionForSuccessiveMessages()
            throws Exception
    {
        SmtpVendor vendor = (SmtpVendor) vendor(plain(Map.of()));

        for (int i = 0; i < 3; i++) {
            vendor.send(message("oncall@example.com", "s" + i, "b", Map.of()));
        }

        assertThat(MAIL.getReceivedMessages()).hasSize(3);
        assertThat(vendor.connectionsOpened()).isEqualTo(1);
        vendor.close();
    }

    @Test
    void authenticatesOverImplicitTls()
            throws Exception
    {
        Vendor vendor = vendor(Map.of(
                // The server's test certificate names localhost, and the host name is checked.
                "smtp_server", "localhost",
                "port", String.valueOf(MAIL.getSmtps().getPort()),
                "tls", "implicit",
                "ssl_trust", "localhost",
                "from", "iris@example.com",
                "username", "iris",
                "password", PASSWORD));

        vendor.send(message("oncall@example.com", "secure", "b", Map.of()));

        assertThat(single().getSubject()).isEqualTo("secure");
    }

    @Test
    void refusesToSendInClearTextWhenStartTlsIsMissing()
    {
        // GreenMail's SMTP does not offer STARTTLS, like a misconfigured relay.
        Vendor vendor = vendor(plain(Map.of("smtp_server", "localhost", "tls", "starttls", "ssl_trust", "localhost")));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor.send(message("oncall@example.com", "s", "b", Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(failure.getMessage()).contains("STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongPasswordIsAConfigurationFailureAndThePasswordIsNeverShown()
    {
        Map<String, String> settings = plain(Map.of("username", "iris", "password", "wrong-" + PASSWORD));

        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(settings).send(message("oncall@example.com", "s", "b", Map.of())));

            assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(failure.getMessage()).doesNotContain(PASSWORD);
            assertThat(logs.text()).doesNotContain(PASSWORD);
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachableServerIsTransient()
            throws Exception
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(plain(Map.of("port", String.valueOf(port)))).send(message("oncall@example.com", "s", "b", Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void silentServerIsATransientTimeout()
            throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = plain(Map.of("port", String.valueOf(silent.getLocalPort()), "timeout", "1"));

            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(settings).send(message("oncall@example.com", "s", "b", Map.of())));

            assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        }
    }

    @Test
    void invalidDestinationIsPermanent()
    {
        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(plain(Map.of())).send(message("not an address", "s", "b", Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpRepliesAreCategorized()
            throws Exception
    {
        OutboundMessage message = message("oncall@example.com", "s", "b", Map.of());
        InternetAddress recipient = new InternetAddress("oncall@example.com");

        VendorException unknownUser = SmtpVendor.failure(message, new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(recipient, "RCPT TO", 550, "550 no such user")));
        VendorException mailboxBusy = SmtpVendor.failure(message, new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(recipient, "RCPT TO", 450, "450 try later")));
        VendorException senderRefused = SmtpVendor.failure(message, new SMTPSenderFailedException(new InternetAddress("iris@example.com"), "MAIL FROM", 553, "553 not allowed"));
        VendorException other = SmtpVendor.failure(message, new MessagingException("Could not connect", new java.net.ConnectException("refused")));

        assertThat(unknownUser.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(unknownUser.getMessage()).contains("no such user");
        assertThat(mailboxBusy.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(senderRefused.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(other.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(without("smtp_server"), "smtp_server");
        assertConfigError(without("from"), "from");
        assertConfigError(plain(Map.of("from", "not an address")), "from");
        assertConfigError(plain(Map.of("tls", "maybe")), "tls");
        assertConfigError(plain(Map.of("port", "70000")), "port");
        assertConfigError(plain(Map.of("username", "iris")), "password");
        assertConfigError(plain(Map.of("password", PASSWORD)), "username");
        // Exactly one of smtp_server and smtp_gateway.
        assertConfigError(plain(Map.of("smtp_gateway", "example.com")), "smtp_gateway");
        assertConfigError(gateway("mail.example.com:25"), "smtp_gateway");
        assertConfigError(gateway("example .com"), "smtp_gateway");
        assertConfigError(gateway("example.com", "mx_cache_seconds", "0"), "mx_cache_seconds");
        assertConfigError(plain(Map.of("mx_cache_seconds", "60")), "mx_cache_seconds");
        assertConfigError(plain(Map.of("max_connections", "0")), "max_connections");
        assertConfigError(plain(Map.of("hostname", "x")), "hostname");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> vendor(settings))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(PASSWORD);
    }

    private static MimeMessage single()
    {
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static Map<String, String> gateway(String domain, String... more)
    {
        Map<String, String> settings = without("smtp_server");
        settings.put("smtp_gateway", domain);
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static Map<String, String> without(String key)
    {
        Map<String, String> settings = plain(Map.of());
        settings.remove(key);
        return settings;
    }

    private static Map<String, String> plain(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("smtp_server", "127.0.0.1");
        settings.put("port", String.valueOf(MAIL.getSmtp().getPort()));
        settings.put("tls", "none");
        settings.put("from", "Iris <iris@example.com>");
        settings.putAll(overrides);
        return settings;
    }

    private static Vendor vendor(Map<String, String> settings)
    {
        return new SmtpVendorFactory().create(new PluginConfig("smtp-test", settings), new PluginContext() {});
    }

    private static OutboundMessage message(String destination, String subject, String body, Map<String, String> headers)
    {
        return TestMessages.email(destination, subject, body, headers);
    }
}
