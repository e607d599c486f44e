package dev.iris.api.response;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, as Twilio posts them; the first
 * value of a repeated field wins.
 */
final class FormFields
{
    private final Map<String, String> fields;

    private FormFields(Map<String, String> fields)
    {
        this.fields = fields;
    }

    static FormFields parse(String body)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                fields.putIfAbsent(name, value);
            }
        }
        return new FormFields(fields);
    }

    Optional<String> get(String name)
    {
        return Optional.ofNullable(fields.get(name));
    }

    private static String decode(String text)
    {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            // A malformed %-escape: keep the text as it came.
            return text;
        }
    }
}
