package dev.iris.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.core.http.IrisException;

import java.util.Optional;

/**
 * Reads Iris request bodies: free-form JSON objects whose fields are checked one by one, so each
 * wrong value gets Iris's own 400 rather than a generic binding error.
 */
public final class JsonBody
{
    private JsonBody() {}

    /**
     * The body as a JSON object; 400 when it is not valid JSON or not an object.
     */
    public static ObjectNode parseObject(ObjectMapper objectMapper, String body)
    {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : objectMapper.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest("Invalid JSON", "Could not parse the request body as JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw IrisException.badRequest("Invalid JSON", "The request body is empty; a JSON object is expected");
        }
        if (!(node instanceof ObjectNode object)) {
            throw IrisException.badRequest("Invalid request body", "expected a JSON object");
        }
        return object;
    }

    /**
     * The field, absent when missing or JSON null.
     */
    public static Optional<JsonNode> field(JsonNode object, String name)
    {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /**
     * A text field; {@code error} when present but not a string.
     */
    public static Optional<String> text(JsonNode object, String name, IrisException error)
    {
        Optional<JsonNode> value = field(object, name);
        if (value.isPresent() && !value.get().isTextual()) {
            throw error;
        }
        return value.map(JsonNode::asText);
    }

    /**
     * An integer field (a JSON integer or a string of digits, as Iris lets MySQL coerce);
     * {@code error} when present but not an integer.
     */
    public static Optional<Long> integer(JsonNode object, String name, IrisException error)
    {
        Optional<JsonNode> value = field(object, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(asInteger(value.get()).orElseThrow(() -> error));
    }

    /**
     * The value as an integer: JSON integers, whole floating point numbers, booleans (0/1) and
     * strings of digits.
     */
    public static Optional<Long> asInteger(JsonNode value)
    {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble()) && Math.abs(value.asDouble()) < 1e15) {
            return Optional.of((long) value.asDouble());
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean() ? 1L : 0L);
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().trim()));
            }
            catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
