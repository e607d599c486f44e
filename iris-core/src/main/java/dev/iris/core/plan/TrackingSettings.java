package dev.iris.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.core.template.JinjaTemplates;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Iris's rules for a plan's tracking notification ({@code tracking_type}, {@code tracking_key},
 * {@code tracking_template}); the error texts are Iris's.
 */
final class TrackingSettings
{
    private TrackingSettings() {}

    /**
     * The problem with these settings, if any.
     */
    static Optional<String> validate(JsonNode type, JsonNode key, JsonNode template, Predicate<String> knownMode, JinjaTemplates jinja)
    {
        boolean hasType = present(type);
        boolean hasKey = present(key);
        boolean hasTemplate = present(template);
        if (!hasType) {
            return hasKey || hasTemplate ? Optional.of("Incomplete tracking setting") : Optional.empty();
        }
        if (!hasKey || !hasTemplate) {
            return Optional.of("Incomplete tracking setting");
        }
        if (!template.isObject() || template.isEmpty()) {
            return Optional.of("Template must be a dictionary");
        }
        String trackingType = type.asText();
        if (trackingType.equals("email")) {
            if (!key.asText().contains("@")) {
                return Optional.of("Invalid email address");
            }
            for (Map.Entry<String, JsonNode> app : template.properties()) {
                JsonNode content = app.getValue();
                if (!content.isObject() || content.isEmpty()) {
                    return Optional.of("No key for " + app.getKey() + " template");
                }
                Set<String> missing = new TreeSet<>(Set.of("email_subject", "email_text"));
                content.fieldNames().forEachRemaining(missing::remove);
                if (!missing.isEmpty()) {
                    return Optional.of("Missing keys for " + app.getKey() + " template: " + missing);
                }
                Optional<String> error = jinja.syntaxError(content.get("email_subject").asText());
                if (error.isPresent()) {
                    return Optional.of("Invalid jinja syntax in subject: " + error.get());
                }
                error = jinja.syntaxError(content.get("email_text").asText());
                if (error.isPresent()) {
                    return Optional.of("Invalid jinja syntax in body: " + error.get());
                }
                JsonNode html = content.get("email_html");
                if (html != null && !html.isNull()) {
                    error = jinja.syntaxError(html.asText());
                    if (error.isPresent()) {
                        return Optional.of("Invalid jinja syntax in email html: " + error.get());
                    }
                }
            }
            return Optional.empty();
        }
        if (!knownMode.test(trackingType)) {
            return Optional.of("Unknown tracking type: " + trackingType);
        }
        for (Map.Entry<String, JsonNode> app : template.properties()) {
            JsonNode body = app.getValue().get("body");
            if (body == null || body.isNull()) {
                return Optional.of("Missing keys for " + app.getKey() + " template: [body]");
            }
            Optional<String> error = jinja.syntaxError(body.asText());
            if (error.isPresent()) {
                return Optional.of("Invalid jinja syntax in incident tracking text: " + error.get());
            }
        }
        return Optional.empty();
    }

    private static boolean present(JsonNode value)
    {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return !(value.isContainerNode() && value.isEmpty());
    }
}
