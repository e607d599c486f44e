package dev.iris.api.response;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class EmailAddressesTest
{
    @Test
    void bareAndNamedAddresses()
    {
        assertThat(EmailAddresses.parse("alice@example.com")).containsExactly("alice@example.com");
        assertThat(EmailAddresses.parse("Alice Doe <Alice@Example.com>")).containsExactly("alice@example.com");
        assertThat(EmailAddresses.parse("\"Doe, Alice\" <alice@example.com>, ops@example.com")).containsExactly("alice@example.com", "ops@example.com");
        assertThat(EmailAddresses.first("Bob <bob@example.com>, carol@example.com")).isEqualTo("bob@example.com");
    }

    @Test
    void notAddresses()
    {
        assertThat(EmailAddresses.parse(null)).isEmpty();
        assertThat(EmailAddresses.parse("undisclosed-recipients:;")).isEmpty();
        assertThat(EmailAddresses.first("")).isEmpty();
    }
}
