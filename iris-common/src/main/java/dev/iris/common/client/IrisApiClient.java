package dev.iris.common.client;

import dev.iris.common.auth.IrisHmac;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * Calls the Iris API over HTTP as an application, signing every request with Iris's HMAC
 * ({@link IrisHmac}), optionally acting as a user ({@code X-IRIS-USERNAME}). The one client that
 * the CLI, iris-relay, the dev inbox and the tests use; each adds only what it shows its user.
 *
 * <p>A client without an application sends unsigned requests (for the API's public and
 * key-in-query endpoints). The client is immutable: {@link #as(String)} and
 * {@link #withHeader(String, String)} return a copy that shares the HTTP connections.
 */
public final class IrisApiClient
{
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private final String baseUrl;
    private final String application;
    private final String key;
    private final String username;
    private final int windowSeconds;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Map<String, String> headers;
    private final HttpClient http;

    private IrisApiClient(String baseUrl, String application, String key, String username, int windowSeconds, Clock clock,
            Duration requestTimeout, Map<String, String> headers, HttpClient http)
    {
        this.baseUrl = baseUrl;
        this.application = application;
        this.key = key;
        this.username = username;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.headers = Map.copyOf(headers);
        this.http = http;
    }

    /**
     * A client for the API at {@code baseUri} ({@code http://host:port}, a path prefix allowed).
     */
    public static Builder builder(URI baseUri)
    {
        return new Builder(baseUri);
    }

    /**
     * The same client acting as {@code username} (null: as the application itself).
     */
    public IrisApiClient as(String username)
    {
        return new IrisApiClient(baseUrl, application, key, username, windowSeconds, clock, requestTimeout, headers, http);
    }

    /**
     * The same client sending one more header on every request.
     */
    public IrisApiClient withHeader(String name, String value)
    {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return new IrisApiClient(baseUrl, application, key, username, windowSeconds, clock, requestTimeout, more, http);
    }

    public String baseUrl()
    {
        return baseUrl;
    }

    public String username()
    {
        return username;
    }

    public IrisApiResponse get(String pathAndQuery)
    {
        return send("GET", pathAndQuery, JSON, "");
    }

    public IrisApiResponse post(String pathAndQuery, String contentType, String body)
    {
        return send("POST", pathAndQuery, contentType, body);
    }

    public IrisApiResponse send(String method, String pathAndQuery, String contentType, String body)
    {
        return send(method, pathAndQuery, contentType, body, requestTimeout);
    }

    /**
     * Sends {@code body} (UTF-8, signed exactly as sent) and returns whatever the API answered,
     * errors included.
     *
     * @throws IrisApiUnreachableException when no answer came: refused, unknown host, timed out
     */
    public IrisApiResponse send(String method, String pathAndQuery, String contentType, String body, Duration timeout)
    {
        requireNonNull(method, "method is null");
        requireNonNull(pathAndQuery, "pathAndQuery is null");
        String text = body == null ? "" : body;
        URI target = URI.create(baseUrl + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(requireNonNull(timeout, "timeout is null"))
                .method(method, text.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (application != null) {
            // The API checks the path as it arrives, so sign the path as sent (a base URL's prefix included).
            String signedPath = target.getRawQuery() == null ? target.getRawPath() : target.getRawPath() + "?" + target.getRawQuery();
            request.header("Authorization", IrisHmac.authorization(application, key, clock, windowSeconds, method, signedPath, text, username));
        }
        if (username != null) {
            request.header(IrisHmac.USERNAME_HEADER, username);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new IrisApiResponse(response.statusCode(), response.body(), response.headers());
        }
        catch (HttpConnectTimeoutException e) {
            throw new IrisApiUnreachableException("The Iris API at " + baseUrl + " did not accept a connection in time", false, e);
        }
        catch (HttpTimeoutException e) {
            throw new IrisApiUnreachableException("The Iris API at " + baseUrl + " did not answer " + method + " " + target.getRawPath()
                    + " within " + timeout.toMillis() + " ms", true, e);
        }
        catch (IOException e) {
            throw new IrisApiUnreachableException("Cannot reach the Iris API at " + baseUrl + ": " + describe(e), false, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrisApiUnreachableException("Interrupted while calling the Iris API at " + baseUrl, false, e);
        }
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

    /**
     * {@code value} encoded as one path segment.
     */
    public static String segment(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e)
    {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * How to reach the API and whom to sign as.
     */
    public static final class Builder
    {
        private final String baseUrl;
        private String application;
        private String key;
        private String username;
        private int windowSeconds = IrisHmac.CLIENT_WINDOW_SECONDS;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(60);

        private Builder(URI baseUri)
        {
            String url = requireNonNull(baseUri, "baseUri is null").toString().strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            this.baseUrl = url;
        }

        /**
         * Signs every request as {@code application} with its API {@code key}.
         */
        public Builder signedAs(String application, String key)
        {
            this.application = requireNonNull(application, "application is null");
            this.key = requireNonNull(key, "key is null");
            return this;
        }

        public Builder actingAs(String username)
        {
            this.username = username;
            return this;
        }

        /**
         * The signature's window length: {@link IrisHmac#CLIENT_WINDOW_SECONDS} (the default) or
         * {@link IrisHmac#RELAY_WINDOW_SECONDS}.
         */
        public Builder windowSeconds(int windowSeconds)
        {
            this.windowSeconds = windowSeconds;
            return this;
        }

        public Builder clock(Clock clock)
        {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout)
        {
            this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout)
        {
            this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
            return this;
        }

        public IrisApiClient build()
        {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    // Plain HTTP/1.1: no h2c upgrade with the API or a proxy in front of it.
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            return new IrisApiClient(baseUrl, application, key, username, windowSeconds, clock, requestTimeout, Map.of(), http);
        }
    }
}
