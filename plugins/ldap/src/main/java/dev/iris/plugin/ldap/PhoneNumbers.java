package dev.iris.plugin.ldap;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Directory phone numbers ({@code +1 (415) 555-0100}, {@code 415.555.0100}) in the E.164 form
 * Iris's SMS and call vendors and reply matching use.
 */
final class PhoneNumbers
{
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {}

    /**
     * The number in E.164, taking numbers without a {@code +} as national numbers of
     * {@code defaultCountryCode} (dropping a national trunk prefix 0); empty when it cannot be a
     * phone number.
     */
    static Optional<String> normalize(String raw, String defaultCountryCode)
    {
        String trimmed = raw.trim();
        int extension = trimmed.toLowerCase(java.util.Locale.ROOT).indexOf('x');
        if (extension > 0) {
            trimmed = trimmed.substring(0, extension);
        }
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String digits = trimmed.replaceAll("[\\s().\\-/]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!digits.matches("[0-9]+")) {
            return Optional.empty();
        }
        String candidate;
        if (international) {
            candidate = "+" + digits;
        }
        else if (defaultCountryCode.equals("1") && digits.length() == 11 && digits.startsWith("1")) {
            candidate = "+" + digits;
        }
        else {
            candidate = "+" + defaultCountryCode + (digits.startsWith("0") ? digits.substring(1) : digits);
        }
        return E164.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
