package dev.iris.spi.vendor;

import dev.iris.spi.vendor.VendorException.Category;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Posts JSON to a URL that is itself the secret (a Mattermost incoming webhook, a Teams Workflows
 * URL with its {@code sig}): transport failures become transient {@link VendorException}s that name
 * only the host and carry no cause, because the JDK's exceptions may quote the URL.
 */
public final class SecretUrlPost
{
    private final String vendor;
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public SecretUrlPost(String vendor, URI url, Duration timeout)
    {
        this.vendor = requireNonNull(vendor, "vendor is null");
        this.url = requireNonNull(url, "url is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The answer to {@code POST <url>} with this JSON body, whatever its status.
     *
     * @throws VendorException (transient) when the vendor cannot be reached or does not answer in time
     */
    public HttpResponse<String> post(String json, long messageId)
            throws VendorException
    {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new VendorException(Category.TRANSIENT, vendor + " did not answer within " + timeout.toSeconds() + "s for message " + messageId + "; it may have been posted");
        }
        catch (IOException e) {
            throw new VendorException(Category.TRANSIENT, "Cannot reach " + vendor + " at " + url.getHost() + ": " + e.getClass().getSimpleName());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(Category.TRANSIENT, "Interrupted while posting to " + vendor);
        }
    }

    @Override
    public String toString()
    {
        return "SecretUrlPost{" + vendor + "@" + url.getHost() + "}";
    }
}
