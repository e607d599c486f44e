package dev.iris.relay.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What iris-api answered: Iris's {@code {"app_response": ...}} on success, or its
 * {@code {title, description}} error body.
 */
public record ApiResponse(int status, byte[] body, HttpHeaders headers)
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ApiResponse
    {
        requireNonNull(body, "body is null");
        requireNonNull(headers, "headers is null");
    }

    public boolean isServerError()
    {
        return status >= 500;
    }

    /**
     * Whether the API refused the relay itself (bad key, clock skew): not the user's fault.
     */
    public boolean isRelayRefused()
    {
        return status == 401 || status == 403;
    }

    /**
     * The {@code app_response} text of a 200 answer.
     */
    public Optional<String> appResponse()
    {
        if (status != 200) {
            return Optional.empty();
        }
        return json()
                .map(node -> node.get("app_response"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /**
     * The text a person should see for a 4xx answer: the description of Iris's error body, or
     * its title when there is no description.
     */
    public Optional<String> errorText()
    {
        Optional<JsonNode> json = json();
        Optional<String> description = json.map(node -> node.get("description")).filter(JsonNode::isTextual).map(JsonNode::asText).filter(text -> !text.isBlank());
        if (description.isPresent()) {
            return description;
        }
        return json.map(node -> node.get("title")).filter(JsonNode::isTextual).map(JsonNode::asText).filter(text -> !text.isBlank());
    }

    /**
     * Iris's error title for a 4xx answer.
     */
    public Optional<String> errorTitle()
    {
        return json().map(node -> node.get("title")).filter(JsonNode::isTextual).map(JsonNode::asText).filter(text -> !text.isBlank());
    }

    public Optional<String> header(String name)
    {
        return headers.firstValue(name);
    }

    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    private Optional<JsonNode> json()
    {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }
}
