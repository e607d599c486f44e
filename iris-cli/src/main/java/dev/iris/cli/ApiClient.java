package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.iris.common.client.IrisApiClient;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;

import java.io.IOException;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The CLI's view of the API: JSON in and out over the signed {@link IrisApiClient}. An answer of
 * 400 or above becomes {@link ApiRefusedException} with the API's own words; no answer is the
 * client's {@link IrisApiUnreachableException}.
 */
public final class ApiClient
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IrisApiClient client;

    public ApiClient(IrisApiClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    public String username()
    {
        return client.username();
    }

    public JsonNode get(String path)
    {
        return send("GET", path, "");
    }

    public JsonNode post(String path, Object body)
    {
        return send("POST", path, toJson(body));
    }

    public JsonNode put(String path, Object body)
    {
        return send("PUT", path, toJson(body));
    }

    /**
     * {@code path?name=value&...} with the values URL-encoded; null values are left out.
     */
    public static String withQuery(String path, Map<String, ?> parameters)
    {
        return IrisApiClient.withQuery(path, parameters);
    }

    public static String segment(String value)
    {
        return IrisApiClient.segment(value);
    }

    private JsonNode send(String method, String pathAndQuery, String body)
    {
        IrisApiResponse response = client.send(method, pathAndQuery, IrisApiClient.JSON, body);
        JsonNode json = parse(response.text());
        if (response.status() >= 400) {
            String title = json.path("title").asText("HTTP " + response.status());
            String description = json.path("description").isMissingNode() || json.path("description").isNull() ? null : json.path("description").asText();
            throw new ApiRefusedException(response.status(), title, description);
        }
        return json;
    }

    private static JsonNode parse(String body)
    {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            // Not JSON (a proxy's error page, plain text): keep the text for the message.
            return JSON.getNodeFactory().objectNode().put("title", body.strip());
        }
    }

    static String toJson(Object body)
    {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }
}
