package dev.iris.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an incident's JSON context into plain data for templates: maps, lists, strings, numbers,
 * booleans and nulls only, so a template can read the values but never call into an object.
 */
public final class ContextValues
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContextValues() {}

    /**
     * The context as a map; a context that is not a JSON object is returned under {@code context}
     * rather than lost.
     */
    public static Map<String, Object> parse(String json)
    {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object data = toData(MAPPER.readTree(json));
            if (data instanceof Map<?, ?> map) {
                Map<String, Object> result = new LinkedHashMap<>();
                map.forEach((key, value) -> result.put(String.valueOf(key), value));
                return result;
            }
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("context", data);
            return wrapped;
        }
        catch (JsonProcessingException e) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("context", json);
            return wrapped;
        }
    }

    public static Object toData(JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), toData(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toData(element)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    public static String toJson(Object value)
    {
        try {
            return MAPPER.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
