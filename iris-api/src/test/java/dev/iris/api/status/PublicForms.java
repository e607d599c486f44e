package dev.iris.api.status;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Posts a form as the public page's forms send it (no login, no signature).
 */
final class PublicForms
{
    private PublicForms() {}

    static IrisTestClient.Response post(TestingIrisApi api, String path, String body)
    {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(api.baseUri().resolve(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new IrisTestClient.Response(response.statusCode(), response.body(), response.headers().map());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
