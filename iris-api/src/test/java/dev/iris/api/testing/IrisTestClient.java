package dev.iris.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.auth.IrisHmac;
import dev.iris.common.client.IrisApiClient;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The tests' view of the one signed {@link IrisApiClient}: JSON bodies, string answers, and an
 * {@link UncheckedIOException} when the API does not answer.
 */
public final class IrisTestClient
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IrisApiClient client;

    private IrisTestClient(IrisApiClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    private static IrisTestClient create(URI baseUri, String application, String key, int windowSeconds)
    {
        IrisApiClient.Builder builder = IrisApiClient.builder(baseUri)
                .windowSeconds(windowSeconds)
                .requestTimeout(Duration.ofSeconds(30));
        if (application != null) {
            builder.signedAs(application, key);
        }
        return new IrisTestClient(builder.build());
    }

    /**
     * A client for an Iris API at {@code baseUri} (a process outside this JVM), signing as
     * {@code application} with {@code key} on the 5-second window of Iris's client.
     */
    public static IrisTestClient signedAs(URI baseUri, String application, String key)
    {
        return create(baseUri, application, key, IrisHmac.CLIENT_WINDOW_SECONDS);
    }

    /**
     * As {@link #signedAs}, on the 30-second window iris-relay signs with: for tests on a loaded
     * machine, where signing and checking can be more than the 5-second window apart.
     */
    public static IrisTestClient signedOnRelayWindow(URI baseUri, String application, String key)
    {
        return create(baseUri, application, key, IrisHmac.RELAY_WINDOW_SECONDS);
    }

    /**
     * A client for an Iris API at {@code baseUri} that does not sign its requests.
     */
    public static IrisTestClient anonymous(URI baseUri)
    {
        return create(baseUri, null, null, IrisHmac.CLIENT_WINDOW_SECONDS);
    }

    /**
     * The same client acting as {@code user} (X-IRIS-USERNAME, included in the signature).
     */
    public IrisTestClient as(String user)
    {
        return new IrisTestClient(client.as(user));
    }

    /**
     * The same client sending one more header on every request.
     */
    public IrisTestClient withHeader(String name, String value)
    {
        return new IrisTestClient(client.withHeader(name, value));
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
        IrisApiResponse response;
        try {
            response = client.send(method, pathAndQuery, IrisApiClient.JSON, body);
        }
        catch (IrisApiUnreachableException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
        return new Response(response.status(), response.text(), response.headers().map());
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
