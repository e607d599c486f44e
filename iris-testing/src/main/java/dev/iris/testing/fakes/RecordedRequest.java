package dev.iris.testing.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP request a fake vendor server received, as it arrived.
 *
 * @param headers header values by lower-case name
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body)
{
    public RecordedRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body parsed as {@code application/x-www-form-urlencoded}; for a repeated name, the last
     * value.
     */
    public Map<String, String> form()
    {
        return parseForm(body);
    }

    /**
     * Every value of a repeated form field, in order.
     */
    public List<String> formValues(String name)
    {
        return java.util.Arrays.stream(body.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> pair.split("=", 2))
                .filter(parts -> decode(parts[0]).equals(name))
                .map(parts -> parts.length > 1 ? decode(parts[1]) : "")
                .toList();
    }

    static Map<String, String> parseForm(String text)
    {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return result;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            result.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return result;
    }

    private static String decode(String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
