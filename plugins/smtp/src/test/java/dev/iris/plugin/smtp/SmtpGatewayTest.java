package dev.iris.plugin.smtp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import dev.iris.testing.TestingClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.iris.plugin.smtp.TestMessages.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code smtp_gateway}: mail goes to the domain's mail exchangers in MX preference order. The MX
 * records come from a {@link FixedMxResolver} and name loopback addresses: GreenMail servers on
 * 127.0.0.1 and 127.0.0.2 (same port, since MX records carry no port), and nothing on 127.0.0.3
 * and 127.0.0.4.
 */
final class SmtpGatewayTest
{
    private static final String PASSWORD = "gateway-pa55word-secret";

    private static GreenMail first;
    private static GreenMail second;

    private final FixedMxResolver dns = new FixedMxResolver();

    @BeforeAll
    static void startExchangers()
    {
        first = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        first.setUser("iris@example.com", "iris", PASSWORD);
        first.start();
        second = new GreenMail(new ServerSetup(port(), "127.0.0.2", ServerSetup.PROTOCOL_SMTP));
        second.start();
    }

    @AfterAll
    static void stopExchangers()
    {
        first.stop();
        second.stop();
    }

    @BeforeEach
    void emptyMailboxes()
            throws Exception
    {
        first.purgeEmailFromAllMailboxes();
        second.purgeEmailFromAllMailboxes();
    }

    @Test
    void deliversToTheMostPreferredExchanger()
            throws Exception
    {
        dns.answer("20 127.0.0.2.", "10 127.0.0.1.");
        vendor(Map.of()).send(email("oncall@example.com", "to the first"));

        dns.answer("10 127.0.0.2.", "20 127.0.0.1.");
        vendor(Map.of()).send(email("oncall@example.com", "to the second"));

        assertThat(first.getReceivedMessages()).singleElement().satisfies(message -> assertThat(message.getSubject()).isEqualTo("to the first"));
        assertThat(second.getReceivedMessages()).singleElement().satisfies(message -> assertThat(message.getSubject()).isEqualTo("to the second"));
    }

    @Test
    void failsOverToTheNextExchangerWhenOneIsDown()
            throws Exception
    {
        dns.answer("10 127.0.0.3.", "20 127.0.0.2.", "30 127.0.0.1.");

        try (LogCapture logs = LogCapture.capture(SmtpConnections.class.getName())) {
            vendor(Map.of()).send(email("oncall@example.com", "failed over"));

            assertThat(logs.text()).contains("127.0.0.3");
        }
        assertThat(second.getReceivedMessages()).singleElement().satisfies(message -> assertThat(message.getSubject()).isEqualTo("failed over"));
        assertThat(first.getReceivedMessages()).isEmpty();
    }

    @Test
    void allExchangersDownIsTransient()
    {
        dns.answer("10 127.0.0.3.", "20 127.0.0.4.");

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(email("oncall@example.com", "s")));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.getMessage()).contains("mail exchangers of example.com", "127.0.0.3", "127.0.0.4");
    }

    @Test
    void refusedLoginDoesNotFailOverAndThePasswordIsNeverShown()
    {
        // Every exchanger would refuse the same credentials; trying them all only delays the page.
        dns.answer("10 127.0.0.1.", "20 127.0.0.2.");
        Map<String, String> settings = Map.of("username", "iris", "password", "wrong-" + PASSWORD);

        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(settings).send(email("oncall@example.com", "s")));

            assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(failure.getMessage()).doesNotContain(PASSWORD);
            assertThat(logs.text()).doesNotContain(PASSWORD);
        }
        assertThat(first.getReceivedMessages()).isEmpty();
        assertThat(second.getReceivedMessages()).isEmpty();
    }

    @Test
    void unknownGatewayDomainIsAConfigurationFailure()
    {
        dns.fail(new UnknownHostException("example.com (no such domain in DNS)"));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(email("oncall@example.com", "s")));

        assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(failure.getMessage()).contains("example.com");
    }

    @Test
    void dnsFailureIsTransient()
    {
        dns.fail(new IOException("DNS lookup of the MX records of example.com failed: timeout"));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(email("oncall@example.com", "s")));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    private SmtpVendor vendor(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("smtp_gateway", "example.com");
        settings.put("port", String.valueOf(port()));
        settings.put("tls", "none");
        settings.put("timeout", "5");
        settings.put("from", "Iris <iris@example.com>");
        settings.putAll(overrides);
        return new SmtpVendor(SmtpConfig.from(new PluginConfig("smtp-gateway-test", settings)), dns, new TestingClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static int port()
    {
        return first.getSmtp().getPort();
    }
}
