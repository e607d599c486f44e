package dev.iris.plugin.smtp;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One MX record of a domain: a mail exchanger's host name and its preference (lower is tried
 * first). A "null MX" (RFC 7505, host {@code .}) has an empty host: the domain takes no mail.
 */
record MxRecord(int preference, String host)
{
    MxRecord
    {
        requireNonNull(host, "host is null");
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference must be 0-65535: " + preference);
        }
    }

    /**
     * Parses the text form DNS tools and JNDI give, {@code "10 mx1.example.com."}; the trailing
     * dot of the absolute name is dropped.
     *
     * @throws IllegalArgumentException when the text is not an MX record
     */
    static MxRecord parse(String text)
    {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an MX record (expected \"preference host\"): " + text);
        }
        int preference;
        try {
            preference = Integer.parseInt(parts[0]);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an MX record (bad preference): " + text);
        }
        String host = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
        return new MxRecord(preference, host.toLowerCase(Locale.ROOT));
    }

    boolean isNull()
    {
        return host.isEmpty();
    }
}
