package dev.iris.api.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.core.http.IrisException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies as Iris does: parse the JSON first, then check each field by hand so
 * every mistake gets Iris's own 400 text.
 */
public final class JsonBodies
{
    public static final String INVALID_JSON = "Invalid json in post body";

    private JsonBodies() {}

    /**
     * The parsed body; 400 {@code Invalid json in post body} when it is empty or not JSON.
     */
    public static JsonNode parse(ObjectMapper mapper, String body)
    {
        if (body == null || body.isBlank()) {
            throw IrisException.badRequest(INVALID_JSON);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw IrisException.badRequest(INVALID_JSON);
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest(INVALID_JSON);
        }
    }

    /**
     * The parsed body, which must be a JSON object.
     */
    public static JsonNode parseObject(ObjectMapper mapper, String body)
    {
        JsonNode node = parse(mapper, body);
        if (!node.isObject()) {
            throw IrisException.badRequest(INVALID_JSON, "expected a JSON object");
        }
        return node;
    }

    /**
     * A string field, absent when missing or null; 400 {@code message} when it has another type.
     */
    public static Optional<String> optionalText(JsonNode object, String field, String message)
    {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw IrisException.badRequest(message);
        }
        return Optional.of(value.asText());
    }

    /**
     * A list of strings; 400 {@code message} when the node is not one.
     */
    public static List<String> textList(JsonNode node, String message)
    {
        if (node == null || !node.isArray()) {
            throw IrisException.badRequest(message);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw IrisException.badRequest(message);
            }
            values.add(element.asText());
        }
        return values;
    }

    /**
     * An object of string values; 400 {@code message} when the node is not one.
     */
    public static Map<String, String> textMap(JsonNode node, String message)
    {
        if (node == null || !node.isObject()) {
            throw IrisException.badRequest(message);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw IrisException.badRequest(message);
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }
}
