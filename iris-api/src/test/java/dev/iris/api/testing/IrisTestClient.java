package dev.iris.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.core.auth.IrisHmac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client for tests that signs requests with Iris's application HMAC, like any Iris client.
 */
public final class IrisTestClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUri;
    private final String application;
    private final String key;
    private final String username;
    private final Map<String, String> extraHeaders;

    IrisTestClient(URI baseUri, String application, String key, String username)
    {
        this(baseUri, application, key, username, Map.of());
    }

    private IrisTestClient(URI baseUri, String application, String key, String username, Map<String, String> extraHeaders)
    {
        this.baseUri = baseUri;
        this.application = application;
        this.key = key;
        this.username = username;
        this.extraHeaders = extraHeaders;
    }

    /**
     * A client for an Iris API at {@code baseUri} (a process outside this JVM), signing as
     * {@code application} with {@code key}.
     */
    public static IrisTestClient signedAs(URI baseUri, String application, String key)
    {
        return new IrisTestClient(baseUri, application, key, null);
    }

    /**
     * A client for an Iris API at {@code baseUri} that does not sign its requests.
     */
    public static IrisTestClient anonymous(URI baseUri)
    {
        return new IrisTestClient(baseUri, null, null, null);
    }

    /**
     * The same client acting as {@code user} (X-IRIS-USERNAME, included in the signature).
     */
    public IrisTestClient as(String user)
    {
        return new IrisTestClient(baseUri, application, key, user, extraHeaders);
    }

    /**
     * The same client sending one more header on every request.
     */
    public IrisTestClient withHeader(String name, String value)
    {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new IrisTestClient(baseUri, application, key, username, headers);
    }

    public Response get(String pathAndQuery)
    {
        return send("GET", pathAndQuery, "");
    }

    public Response post(String pathAndQuery, String body)
    {
        return send("POST", pathAndQuery, body);
    }

    public Response post(String pathAndQuery, Object body)
    {
        return send("POST", pathAndQuery, toJson(body));
    }

    public Response put(String pathAndQuery, Object body)
    {
        return send("PUT", pathAndQuery, body instanceof String text ? text : toJson(body));
    }

    public Response delete(String pathAndQuery)
    {
        return send("DELETE", pathAndQuery, "");
    }

    /**
     * Sends a request with this exact body, signed over exactly that body.
     */
    public Response send(String method, String pathAndQuery, String body)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (application != null) {
            request.header("Authorization", IrisHmac.authorization(application, key, Clock.systemUTC(), method, pathAndQuery, body, username));
        }
        if (username != null) {
            request.header("X-IRIS-USERNAME", username);
        }
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object value)
    {
        try {
            return JSON.writeValueAsString(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A response: status, body text, headers.
     */
    public record Response(int status, String body, Map<String, List<String>> headers)
    {
        public JsonNode json()
        {
            try {
                return JSON.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name)
        {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }

        @Override
        public String toString()
        {
            return status + " " + body;
        }
    }
}
