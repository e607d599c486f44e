package dev.iris.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads Iris request bodies: free-form JSON objects whose fields are checked one by one, so each
 * wrong value gets Iris's own 400 rather than a generic binding error.
 */
public final class JsonBody
{
    /** The single error Iris's application, category and user endpoints give for any unreadable body. */
    public static final String INVALID_POST_BODY = "Invalid json in post body";

    private JsonBody() {}

    /**
     * The body as any JSON value; 400 {@value #INVALID_POST_BODY} when it is empty or not JSON.
     */
    public static JsonNode parsePostBody(ObjectMapper objectMapper, String body)
    {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : objectMapper.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest(INVALID_POST_BODY);
        }
        if (node == null || node.isMissingNode()) {
            throw IrisException.badRequest(INVALID_POST_BODY);
        }
        return node;
    }

    /**
     * The body as a JSON object; 400 {@value #INVALID_POST_BODY} when it is empty, not JSON or
     * not an object.
     */
    public static JsonNode parsePostBodyObject(ObjectMapper objectMapper, String body)
    {
        JsonNode node = parsePostBody(objectMapper, body);
        if (!node.isObject()) {
            throw IrisException.badRequest(INVALID_POST_BODY, "expected a JSON object");
        }
        return node;
    }

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
     * As {@link #text(JsonNode, String, IrisException)}, building the error only when it is
     * thrown: an exception records its stack when built, which hot paths should not pay for on
     * every valid request.
     */
    public static Optional<String> text(JsonNode object, String name, Supplier<IrisException> error)
    {
        Optional<JsonNode> value = field(object, name);
        if (value.isPresent() && !value.get().isTextual()) {
            throw error.get();
        }
        return value.map(JsonNode::asText);
    }

    /**
     * A field that must be present (JSON null counts as present) and read as an integer by
     * {@link #asInteger}; {@code missing} when absent, {@code invalid} when not an integer.
     */
    public static long requiredInteger(JsonNode object, String name, IrisException missing, IrisException invalid)
    {
        JsonNode value = object.get(name);
        if (value == null) {
            throw missing;
        }
        return asInteger(value).orElseThrow(() -> invalid);
    }

    /**
     * A list of strings; {@code error} when the node is missing or not one.
     */
    public static List<String> textList(JsonNode node, IrisException error)
    {
        if (node == null || !node.isArray()) {
            throw error;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw error;
            }
            values.add(element.asText());
        }
        return values;
    }

    /**
     * An object of string values, in order; {@code error} when the node is missing or not one.
     */
    public static Map<String, String> textMap(JsonNode node, IrisException error)
    {
        if (node == null || !node.isObject()) {
            throw error;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw error;
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
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
     * The value as an {@code int}: a JSON integer that fits or a string of digits (surrounding
     * white space ignored); {@code error} otherwise.
     */
    public static int intValue(JsonNode value, IrisException error)
    {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().strip());
            }
            catch (NumberFormatException e) {
                throw error;
            }
        }
        throw error;
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
