package dev.iris.relay.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls to the relay, as Twilio, Slack or a mail provider would make them: each on a
 * connection of its own, as those senders' separate requests arrive. (A shared client reused a
 * connection that the relay had closed after refusing a request without reading its body, and
 * the next test's request failed with "header parser received no bytes".)
 */
public final class Http
{

    private Http() {}

    public static HttpResponse<String> post(URI uri, String contentType, String body, String... headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public static HttpResponse<String> postForm(URI uri, String body, String... headers)
    {
        return post(uri, "application/x-www-form-urlencoded", body, headers);
    }

    public static HttpResponse<String> get(URI uri, String... headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request)
    {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new AssertionError("request to the relay failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
