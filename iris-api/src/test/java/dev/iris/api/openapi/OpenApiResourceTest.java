package dev.iris.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class OpenApiResourceTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void servesTheDescriptionAsJsonWithoutCredentials()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode document = response.json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").has("/v0/webhooks/alertmanager")).isTrue();
        assertThat(document.get("paths").has("/v0/heartbeats/{app}/{name}")).isTrue();
        assertThat(document.get("paths").has("/v0/plans/{plan}/simulate")).isTrue();
        assertThat(document.at("/components/securitySchemes/hmac/name").asText()).isEqualTo("Authorization");
    }

    @Test
    void servesTheSameDescriptionAsYaml()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/openapi.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/yaml");
        assertThat(response.body()).startsWith("openapi: 3.0.3");
    }

    @Test
    void everyOperationDescribesItsResponsesAndEveryReferenceResolves()
    {
        JsonNode document = api.anonymous().get("/v0/openapi.json").json();
        List<String> problems = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!operation.getKey().equals("parameters") && !operation.getValue().has("responses")) {
                problems.add(operation.getKey() + " " + path.getKey() + " has no responses");
            }
        }));
        collectReferences(document, document, problems);
        assertThat(problems).isEmpty();
    }

    private static void collectReferences(JsonNode document, JsonNode node, List<String> problems)
    {
        if (node.isObject()) {
            JsonNode reference = node.get("$ref");
            if (reference != null && document.at(reference.asText().substring(1)).isMissingNode()) {
                problems.add("unresolved " + reference.asText());
            }
            node.elements().forEachRemaining(child -> collectReferences(document, child, problems));
        }
        else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectReferences(document, child, problems));
        }
    }
}
