package dev.iris.core.response;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PhoneNumbersTest
{
    @Test
    void numbersWithoutCountryCodeAreUsNumbers()
    {
        assertThat(PhoneNumbers.e164("(415) 555-0100")).contains("+14155550100");
        assertThat(PhoneNumbers.e164("415.555.0100")).contains("+14155550100");
        assertThat(PhoneNumbers.e164("+1 415-555-0100")).contains("+14155550100");
        assertThat(PhoneNumbers.e164("+44 20 7946 0958")).contains("+442079460958");
    }

    @Test
    void spellingsCoverE164AndIrisInternationalFormat()
    {
        assertThat(PhoneNumbers.spellings("+14155550100")).containsExactly("+14155550100", "+1 415-555-0100");
        assertThat(PhoneNumbers.spellings(" 4155550100 ")).containsExactly("4155550100", "+14155550100", "+1 415-555-0100");
    }

    @Test
    void notANumber()
    {
        assertThat(PhoneNumbers.e164("alice")).isEmpty();
        assertThat(PhoneNumbers.e164("")).isEmpty();
        assertThat(PhoneNumbers.e164(null)).isEmpty();
        assertThat(PhoneNumbers.spellings("alice")).containsExactly("alice");
        assertThat(PhoneNumbers.spellings(null)).isEmpty();
    }
}
