package dev.iris.relay.email;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A mail as the API's {@code POST /v0/response/email} takes it: every header, in order, and the
 * first text/plain part as the body.
 */
public record InboundEmail(
        @JsonProperty("headers") List<Header> headers,
        @JsonProperty("body") String body)
{
    @JsonCreator
    public InboundEmail
    {
        headers = List.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    /**
     * The first value of a header; header names are case-insensitive.
     */
    public Optional<String> header(String name)
    {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst();
    }

    public record Header(
            @JsonProperty("name") String name,
            @JsonProperty("value") String value)
    {
        @JsonCreator
        public Header
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }
}
