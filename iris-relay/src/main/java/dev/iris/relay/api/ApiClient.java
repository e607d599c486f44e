package dev.iris.relay.api;

import dev.iris.core.auth.IrisHmac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Calls iris-api as the relay's application, signed with Iris's application HMAC on the
 * 30-second window that Iris's relay client uses.
 */
public final class ApiClient
{
    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    private static final Logger log = LoggerFactory.getLogger(ApiClient.class);
    private static final int RELAY_WINDOW_SECONDS = 30;

    private final String apiUrl;
    private final String application;
    private final String key;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient httpClient;

    public ApiClient(String apiUrl, String application, String key, Duration connectTimeout, Duration requestTimeout, Clock clock)
    {
        this.apiUrl = stripTrailingSlash(requireNonNull(apiUrl, "apiUrl is null"));
        this.application = requireNonNull(application, "application is null");
        this.key = requireNonNull(key, "key is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(requireNonNull(connectTimeout, "connectTimeout is null"))
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no h2c upgrade dance with the API or a proxy in front of it.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String apiUrl()
    {
        return apiUrl;
    }

    /**
     * POSTs {@code body} to {@code pathAndQuery} (e.g. {@code /v0/response/slack}) within the
     * configured request timeout.
     */
    public ApiResponse post(String pathAndQuery, String contentType, String body)
            throws ApiUnavailableException
    {
        return post(pathAndQuery, contentType, body, requestTimeout);
    }

    public ApiResponse post(String pathAndQuery, String contentType, String body, Duration timeout)
            throws ApiUnavailableException
    {
        requireNonNull(pathAndQuery, "pathAndQuery is null");
        requireNonNull(body, "body is null");
        URI target = URI.create(apiUrl + pathAndQuery);
        String signedPath = target.getRawQuery() == null ? target.getRawPath() : target.getRawPath() + "?" + target.getRawQuery();
        long window = clock.millis() / 1000 / RELAY_WINDOW_SECONDS;
        String digest = IrisHmac.digest(key, window, "POST", signedPath, body, null);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Authorization", IrisHmac.SCHEME + application + ":" + digest)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return send(request, target.getRawPath());
    }

    /**
     * Whether the API answers its load balancer health check, for the relay's own health check.
     */
    public boolean isReachable(Duration timeout)
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/healthcheck"))
                .timeout(timeout)
                .GET()
                .build();
        try {
            return send(request, "/healthcheck").status() == 200;
        }
        catch (ApiUnavailableException e) {
            return false;
        }
    }

    private ApiResponse send(HttpRequest request, String pathForLog)
            throws ApiUnavailableException
    {
        try {
            HttpResponse<byte[]> response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                // The relay's key or clock is wrong: nothing the caller can fix, so say it loudly here.
                log.error("iris-api refused the relay's credentials (HTTP {}) on {}: check relayApplication, relayKey and the clock", response.statusCode(), pathForLog);
            }
            return new ApiResponse(response.statusCode(), response.body(), response.headers());
        }
        catch (HttpConnectTimeoutException e) {
            log.warn("iris-api at {} did not accept a connection in time", apiUrl);
            throw new ApiUnavailableException("iris-api is unreachable", false, e);
        }
        catch (HttpTimeoutException e) {
            log.warn("iris-api did not answer {} within {}", pathForLog, request.timeout().orElse(null));
            throw new ApiUnavailableException("iris-api timed out", true, e);
        }
        catch (IOException e) {
            log.warn("iris-api is unreachable at {}: {}", apiUrl, e.toString());
            throw new ApiUnavailableException("iris-api is unreachable", false, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException("interrupted while calling iris-api", false, e);
        }
    }

    private static String stripTrailingSlash(String url)
    {
        String stripped = url.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
