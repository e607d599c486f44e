package dev.iris.core.response;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Phone numbers as people and vendors write them. Twilio reports E.164 ({@code +14155550100});
 * Iris stored contacts in international format ({@code +1 415-555-0100}); people type anything.
 * Numbers without a country code are read as US numbers, as Iris does.
 */
public final class PhoneNumbers
{
    public static final String DEFAULT_REGION = "US";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The number in E.164, or empty when it is not a phone number.
     */
    public static Optional<String> e164(String raw)
    {
        return parse(raw).map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /**
     * Every spelling under which a contact for this number may be stored: the raw text, E.164 and
     * Iris's international format.
     */
    public static List<String> spellings(String raw)
    {
        Set<String> spellings = new LinkedHashSet<>();
        if (raw != null && !raw.isBlank()) {
            spellings.add(raw.strip());
        }
        parse(raw).ifPresent(number -> {
            spellings.add(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
            spellings.add(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL));
        });
        return List.copyOf(spellings);
    }

    private static Optional<PhoneNumber> parse(String raw)
    {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTIL.parse(raw.strip(), DEFAULT_REGION));
        }
        catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
