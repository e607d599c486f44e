package dev.iris.api.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.RenderResult;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The one-line summary of an incident: the application's summary template rendered over the
 * context (Iris's are Handlebars; plain {@code {{name}}} placeholders mean the same in Jinja), or
 * the title variable's value, or the start of the context. The result is plain text: pages
 * escape it.
 */
public final class IncidentSummaries
{
    private static final int MAX_LENGTH = 200;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper objectMapper;
    private final Jinjava jinjava = new Jinjava();

    @Inject
    public IncidentSummaries(ObjectMapper objectMapper)
    {
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    public String summary(IncidentRow incident)
    {
        Map<String, Object> context = context(incident.context());
        if (incident.summaryTemplate() != null && !incident.summaryTemplate().isBlank()) {
            RenderResult result = jinjava.renderForResult(incident.summaryTemplate(), context);
            if (result.getErrors().isEmpty() && !result.getOutput().isBlank()) {
                return shorten(result.getOutput().strip());
            }
        }
        if (incident.titleVariable() != null && context.get(incident.titleVariable()) != null) {
            return shorten(String.valueOf(context.get(incident.titleVariable())));
        }
        return shorten(incident.context());
    }

    /**
     * The context as a map; an unreadable context gives an empty map.
     */
    public Map<String, Object> context(String json)
    {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = objectMapper.readValue(json, MAP);
            return map == null ? Map.of() : map;
        }
        catch (IOException e) {
            return Map.of();
        }
    }

    private static String shorten(String text)
    {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH - 1) + "…";
    }
}
