package dev.iris.api.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bare addresses out of {@code From}/{@code To} header values such as
 * {@code "Jane Doe" <jane@example.com>, ops@example.com}.
 */
final class EmailAddresses
{
    private EmailAddresses() {}

    static List<String> parse(String headerValue)
    {
        List<String> addresses = new ArrayList<>();
        if (headerValue == null) {
            return addresses;
        }
        for (String part : splitOutsideQuotes(headerValue)) {
            String address = address(part);
            if (!address.isEmpty() && address.contains("@")) {
                addresses.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return addresses;
    }

    static String first(String headerValue)
    {
        List<String> addresses = parse(headerValue);
        return addresses.isEmpty() ? "" : addresses.get(0);
    }

    private static String address(String part)
    {
        String text = part.strip();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return text.substring(open + 1, close).strip();
        }
        String[] words = text.split("\\s+");
        return words[words.length - 1];
    }

    private static List<String> splitOutsideQuotes(String value)
    {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
