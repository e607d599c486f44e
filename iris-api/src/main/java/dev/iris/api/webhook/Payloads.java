package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Small helpers for reading alert payloads.
 */
final class Payloads
{
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Payloads() {}

    static void requireObject(JsonNode body)
    {
        if (body == null || !body.isObject()) {
            throw new AlertPayloadException("The body must be a JSON object");
        }
    }

    static String requireText(JsonNode body, String field)
    {
        return requireText(body, field, AlertPayloadException.TITLE);
    }

    /**
     * The field's text; 400 with {@code title} and a description naming the field otherwise.
     */
    static String requireText(JsonNode body, String field, String title)
    {
        String value = text(body.get(field));
        if (value == null || value.isBlank()) {
            throw new AlertPayloadException(title, field + " is missing");
        }
        return value;
    }

    /**
     * Iris's check that every field is present (whatever its value); 400 with {@code title} naming
     * the first missing one.
     */
    static void requirePresent(JsonNode body, String title, String... fields)
    {
        for (String field : fields) {
            if (!body.has(field)) {
                throw new AlertPayloadException(title, field + " is missing");
            }
        }
    }

    static String text(JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }

    static String firstText(JsonNode node, String fallback)
    {
        String value = text(node);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The node as JSON with sorted keys, for keys built from label sets.
     */
    static String canonical(JsonNode node)
    {
        if (node == null) {
            return "{}";
        }
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
        }
        catch (Exception e) {
            return node.toString();
        }
    }
}
