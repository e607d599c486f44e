package dev.iris.relay.http;

import dev.iris.common.http.IrisException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded. A name given twice keeps its last
 * value, as twilio-java's validator map does.
 */
public final class FormBody
{
    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields)
    {
        this.fields = requireNonNull(fields, "fields is null");
    }

    public static FormBody parse(String body)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return new FormBody(fields);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.put(decode(name), decode(value));
        }
        return new FormBody(fields);
    }

    public Map<String, String> fields()
    {
        return fields;
    }

    public Optional<String> get(String name)
    {
        return Optional.ofNullable(fields.get(name));
    }

    private static String decode(String text)
    {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw IrisException.badRequest("Invalid form body", "malformed percent-encoding");
        }
    }
}
