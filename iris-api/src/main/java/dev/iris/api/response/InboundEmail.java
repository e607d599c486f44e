package dev.iris.api.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.common.http.IrisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A mail as the relay forwards it: {@code {headers: [{name, value}], body}}. Header names are
 * case-insensitive; {@code To} may be repeated or hold several addresses (Iris also accepts a
 * JSON list as its value).
 */
record InboundEmail(List<Header> headers, String body)
{
    record Header(String name, String value) {}

    InboundEmail
    {
        headers = List.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    static InboundEmail fromJson(JsonNode json)
    {
        if (json == null || !json.isObject() || !json.path("headers").isArray()) {
            throw IrisException.badRequest("Invalid email", "Expected {headers: [{name, value}], body}");
        }
        List<Header> headers = new ArrayList<>();
        for (JsonNode header : json.get("headers")) {
            JsonNode name = header.get("name");
            JsonNode value = header.get("value");
            if (name == null || !name.isTextual() || value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode item : value) {
                    headers.add(new Header(name.asText(), item.asText()));
                }
            }
            else {
                headers.add(new Header(name.asText(), value.asText()));
            }
        }
        JsonNode body = json.get("body");
        return new InboundEmail(headers, body == null || body.isNull() ? "" : body.asText());
    }

    Optional<String> header(String name)
    {
        return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    boolean has(String name)
    {
        return header(name).isPresent();
    }

    List<String> recipients()
    {
        List<String> addresses = new ArrayList<>();
        headers.stream()
                .filter(header -> header.name().equalsIgnoreCase("To"))
                .forEach(header -> addresses.addAll(EmailAddresses.parse(header.value())));
        return addresses;
    }
}
