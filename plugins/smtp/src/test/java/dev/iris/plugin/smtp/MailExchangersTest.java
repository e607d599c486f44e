package dev.iris.plugin.smtp;

import dev.iris.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MailExchangersTest
{
    private final FixedMxResolver dns = new FixedMxResolver();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MailExchangers exchangers = new MailExchangers("example.com", dns, clock, Duration.ofMinutes(5));

    @Test
    void ordersByPreferenceNotByDnsOrder()
            throws Exception
    {
        dns.answer("30 mx3.example.com.", "10 mx1.example.com.", "20 mx2.example.com.", "10 mx1b.example.com.");

        // Equal preferences keep DNS's order.
        assertThat(exchangers.inOrder()).containsExactly("mx1.example.com", "mx1b.example.com", "mx2.example.com", "mx3.example.com");
    }

    @Test
    void keepsTheAnswerUntilTheCacheTtlThenLooksUpAgain()
            throws Exception
    {
        dns.answer("10 old.example.com.");
        assertThat(exchangers.inOrder()).containsExactly("old.example.com");

        dns.answer("10 new.example.com.");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(exchangers.inOrder()).containsExactly("old.example.com");
        assertThat(dns.lookups()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(exchangers.inOrder()).containsExactly("new.example.com");
        assertThat(dns.lookups()).isEqualTo(2);
    }

    @Test
    void keepsTheLastAnswerWhenDnsFailsLater()
            throws Exception
    {
        dns.answer("10 mx1.example.com.");
        exchangers.inOrder();

        dns.fail(new IOException("DNS timeout"));
        clock.advance(Duration.ofMinutes(6));

        assertThat(exchangers.inOrder()).containsExactly("mx1.example.com");
        // ...and asks again next time instead of trusting the old answer for another TTL.
        dns.answer("10 mx2.example.com.");
        assertThat(exchangers.inOrder()).containsExactly("mx2.example.com");
    }

    @Test
    void firstLookupFailureIsReported()
    {
        dns.fail(new IOException("DNS timeout"));

        assertThatThrownBy(exchangers::inOrder).isInstanceOf(IOException.class).hasMessage("DNS timeout");
    }

    @Test
    void domainWithoutMxRecordsIsItsOwnExchanger()
            throws Exception
    {
        dns.answer();

        assertThat(exchangers.inOrder()).containsExactly("example.com");
    }

    @Test
    void nullMxMeansTheDomainTakesNoMail()
    {
        dns.answer("0 .");

        assertThatThrownBy(exchangers::inOrder).isInstanceOf(UnknownHostException.class).hasMessageContaining("null MX");
    }
}
