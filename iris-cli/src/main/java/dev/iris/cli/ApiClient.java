package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.iris.core.auth.IrisHmac;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * Calls the Iris API as an application, signing every request with Iris's HMAC, optionally acting
 * as a user ({@code X-IRIS-USERNAME}). Errors become {@link ApiRefusedException} (the API said no)
 * or {@link ApiUnreachableException} (no answer).
 */
public final class ApiClient
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final String application;
    private final String key;
    private final String username;
    private final HttpClient http;
    private final Clock clock;

    public ApiClient(URI baseUri, String application, String key, String username, Clock clock)
    {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
        this.application = requireNonNull(application, "application is null");
        this.key = requireNonNull(key, "key is null");
        this.username = username;
        this.clock = requireNonNull(clock, "clock is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String username()
    {
        return username;
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
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    public static String segment(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String pathAndQuery, String body)
    {
        URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", IrisHmac.authorization(application, key, clock, method, pathAndQuery, body, username));
        if (username != null) {
            request.header("X-IRIS-USERNAME", username);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new ApiUnreachableException("Cannot reach the Iris API at " + baseUri + ": " + describe(e), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException("Interrupted while calling " + baseUri, e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            String title = json.path("title").asText("HTTP " + response.statusCode());
            String description = json.path("description").isMissingNode() || json.path("description").isNull() ? null : json.path("description").asText();
            throw new ApiRefusedException(response.statusCode(), title, description);
        }
        return json;
    }

    private static String describe(IOException e)
    {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message;
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
