package dev.iris.plugin.ldap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PhoneNumbersTest
{
    @Test
    void normalizesDirectoryFormsToE164()
    {
        assertThat(PhoneNumbers.normalize("+1 (415) 555-0101", "1")).contains("+14155550101");
        assertThat(PhoneNumbers.normalize("415.555.0102", "1")).contains("+14155550102");
        assertThat(PhoneNumbers.normalize("1-415-555-0103", "1")).contains("+14155550103");
        assertThat(PhoneNumbers.normalize("+44 20 7946 0958", "1")).contains("+442079460958");
        assertThat(PhoneNumbers.normalize("0044 20 7946 0958", "1")).contains("+442079460958");
        assertThat(PhoneNumbers.normalize("020 7946 0958", "44")).contains("+442079460958");
        assertThat(PhoneNumbers.normalize("+1 415 555 0104 x123", "1")).contains("+14155550104");
    }

    @Test
    void rejectsWhatCannotBeANumber()
    {
        assertThat(PhoneNumbers.normalize("not a number", "1")).isEmpty();
        assertThat(PhoneNumbers.normalize("12", "1")).isEmpty();
        assertThat(PhoneNumbers.normalize("+1234567890123456789", "1")).isEmpty();
    }
}
