package dev.iris.core.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key=value pairs of an incident that label feeds match and that tell its severity: the
 * scalar fields of its context, and for webhook incidents the alert labels (Alertmanager's
 * {@code commonLabels}, {@code groupLabels} and each alert's {@code labels}, Grafana's
 * {@code alerts[].labels}). Read once per incident; never shown to anyone.
 */
public final class IncidentLabels
{
    public static final IncidentLabels NONE = new IncidentLabels(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ALERTS = 50;

    private final Map<String, Set<String>> values;

    private IncidentLabels(Map<String, Set<String>> values)
    {
        this.values = values;
    }

    public static IncidentLabels fromContext(String contextJson)
    {
        if (contextJson == null || contextJson.isBlank()) {
            return NONE;
        }
        JsonNode context;
        try {
            context = JSON.readTree(contextJson);
        }
        catch (JsonProcessingException e) {
            return NONE;
        }
        if (context == null || !context.isObject()) {
            return NONE;
        }
        Map<String, Set<String>> values = new HashMap<>();
        addScalars(values, context);
        addScalars(values, context.path("commonLabels"));
        addScalars(values, context.path("groupLabels"));
        JsonNode alerts = context.path("alerts");
        for (int i = 0; i < Math.min(alerts.size(), MAX_ALERTS); i++) {
            addScalars(values, alerts.get(i).path("labels"));
        }
        return new IncidentLabels(values);
    }

    private static void addScalars(Map<String, Set<String>> values, JsonNode object)
    {
        if (!object.isObject()) {
            return;
        }
        object.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                values.computeIfAbsent(field.getKey(), key -> new HashSet<>()).add(field.getValue().asText());
            }
        });
    }

    public boolean has(String key, String value)
    {
        return values.getOrDefault(key, Set.of()).contains(value);
    }

    /**
     * The incident's {@code severity}, when its context or alert labels carry one; with several,
     * the worst.
     */
    public Optional<ComponentState> severity()
    {
        return values.getOrDefault("severity", Set.of()).stream()
                .map(ComponentState::ofSeverity)
                .reduce(ComponentState::worst);
    }
}
