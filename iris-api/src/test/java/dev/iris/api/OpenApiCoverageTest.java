package dev.iris.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the hand-written OpenAPI description honest: every method and path the API serves is
 * described (path parameter names may differ).
 */
final class OpenApiCoverageTest
{
    @Test
    void everyServedOperationIsDescribed()
            throws Exception
    {
        JsonNode paths;
        try (InputStream in = OpenApiCoverageTest.class.getResourceAsStream("/openapi/iris-v0.yaml")) {
            paths = new ObjectMapper(new YAMLFactory()).readTree(in).get("paths");
        }
        Set<String> described = new HashSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                described.add(method.toUpperCase() + " " + normalize(path.getKey()))));

        List<String> missing = new ArrayList<>();
        for (Class<?> resource : ApiResources.ALL) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String full = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
                for (String concrete : expand(full)) {
                    if (!described.contains(verb + " " + normalize(concrete))) {
                        missing.add(verb + " " + concrete + " (" + resource.getSimpleName() + ")");
                    }
                }
            }
        }
        assertThat(missing).as("add these to iris-api/src/main/resources/openapi/iris-v0.yaml").isEmpty();
    }

    private static String verb(Method method)
    {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }

    /**
     * {@code /v0/openapi.{format: json|yaml}} stands for two paths.
     */
    private static List<String> expand(String path)
    {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{(\\w+)\\s*:\\s*([\\w|]+)}").matcher(path);
        if (!matcher.find()) {
            return List.of(path);
        }
        List<String> expanded = new ArrayList<>();
        for (String choice : matcher.group(2).split("\\|")) {
            expanded.addAll(expand(path.substring(0, matcher.start()) + choice + path.substring(matcher.end())));
        }
        return expanded;
    }

    private static String normalize(String path)
    {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }
}
