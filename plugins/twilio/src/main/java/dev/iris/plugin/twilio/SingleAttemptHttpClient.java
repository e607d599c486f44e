package dev.iris.plugin.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * twilio-java's transport, replaced so that each request is sent exactly once. The library's own
 * client re-POSTs on any 5xx, and a 5xx can come after Twilio created the message, so its retry
 * can page a person twice; Iris's sender decides about retries instead. Also points the library
 * at {@code api_base_url} and turns HTTP 429 into a {@link ThrottledException} that keeps
 * {@code Retry-After}.
 */
final class SingleAttemptHttpClient
        extends HttpClient
{
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade", "authorization");

    private final URI apiBaseUrl;
    private final Duration timeout;
    private final java.net.http.HttpClient client;

    SingleAttemptHttpClient(URI apiBaseUrl, Duration timeout)
    {
        this.apiBaseUrl = requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * HTTP 429 from Twilio, with how long it asked us to wait when it said.
     */
    static final class ThrottledException
            extends ApiException
    {
        private final transient Optional<Duration> retryAfter;

        ThrottledException(Optional<Duration> retryAfter)
        {
            super("Twilio is throttling requests (HTTP 429)", 429);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter()
        {
            return retryAfter;
        }
    }

    @Override
    public Response reliableRequest(Request request)
    {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis)
    {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request)
    {
        URL libraryUrl = request.constructURL();
        URI target = URI.create(withoutTrailingSlash(apiBaseUrl.toString()) + libraryUrl.getFile());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "iris-twilio twilio-java");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            if (!RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            String body = json ? request.getBody() : request.encodeFormBody();
            builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8));
        }
        else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }

        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer within " + timeout.toSeconds() + "s (" + target.getHost() + "); the request may have been accepted", e);
        }
        catch (IOException e) {
            throw new ApiConnectionException("Cannot reach Twilio at " + target.getHost() + ": " + e.getClass().getSimpleName(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling Twilio", e);
        }
        if (response.statusCode() == 429) {
            throw new ThrottledException(response.headers().firstValue("Retry-After").flatMap(SingleAttemptHttpClient::seconds));
        }
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(new BasicHeader(name, value))));
        return new Response(response.body(), response.statusCode(), headers.toArray(Header[]::new));
    }

    private static Optional<Duration> seconds(String value)
    {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String withoutTrailingSlash(String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
