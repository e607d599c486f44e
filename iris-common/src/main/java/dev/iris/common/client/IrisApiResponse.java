package dev.iris.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the Iris API answered: its JSON on success ({@code {"app_response": ...}} for replies),
 * Iris's {@code {title, description}} body for an error.
 */
public record IrisApiResponse(int status, byte[] body, HttpHeaders headers)
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public IrisApiResponse
    {
        requireNonNull(body, "body is null");
        requireNonNull(headers, "headers is null");
    }

    public boolean isSuccess()
    {
        return status >= 200 && status < 300;
    }

    public boolean isServerError()
    {
        return status >= 500;
    }

    /**
     * Whether the API refused the caller's credentials (bad key, clock skew).
     */
    public boolean isCredentialsRefused()
    {
        return status == 401 || status == 403;
    }

    public String text()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name)
    {
        return headers.firstValue(name);
    }

    /**
     * The body as a JSON object or array; empty when the body is empty or not JSON.
     */
    public Optional<JsonNode> json()
    {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && (node.isObject() || node.isArray()) ? Optional.of(node) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code app_response} text of a 200 answer.
     */
    public Optional<String> appResponse()
    {
        if (status != 200) {
            return Optional.empty();
        }
        return json().map(node -> node.get("app_response")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /**
     * Iris's error title.
     */
    public Optional<String> errorTitle()
    {
        return textField("title");
    }

    /**
     * Iris's error description.
     */
    public Optional<String> errorDescription()
    {
        return textField("description");
    }

    /**
     * The text a person should see for an error: the description, or the title when there is
     * no description.
     */
    public Optional<String> errorText()
    {
        return errorDescription().or(this::errorTitle);
    }

    private Optional<String> textField(String name)
    {
        return json().map(node -> node.get(name)).filter(JsonNode::isTextual).map(JsonNode::asText).filter(text -> !text.isBlank());
    }
}
