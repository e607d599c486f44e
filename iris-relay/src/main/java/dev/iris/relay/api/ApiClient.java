package dev.iris.relay.api;

import dev.iris.common.auth.IrisHmac;
import dev.iris.common.client.IrisApiClient;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Calls iris-api as the relay's application through the signed {@link IrisApiClient}, on the
 * 30-second window that Iris's relay uses, and says in the relay's log what went wrong.
 */
public final class ApiClient
{
    public static final String FORM = IrisApiClient.FORM;
    public static final String JSON = IrisApiClient.JSON;

    private static final Logger log = LoggerFactory.getLogger(ApiClient.class);

    private final IrisApiClient signed;
    private final IrisApiClient unsigned;

    public ApiClient(String apiUrl, String application, String key, Duration connectTimeout, Duration requestTimeout, Clock clock)
    {
        URI base = URI.create(requireNonNull(apiUrl, "apiUrl is null").strip());
        this.signed = IrisApiClient.builder(base)
                .signedAs(application, key)
                .windowSeconds(IrisHmac.RELAY_WINDOW_SECONDS)
                .clock(clock)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .build();
        this.unsigned = IrisApiClient.builder(base).connectTimeout(connectTimeout).requestTimeout(requestTimeout).build();
    }

    public String apiUrl()
    {
        return signed.baseUrl();
    }

    /**
     * POSTs {@code body} to {@code pathAndQuery} (e.g. {@code /v0/response/slack}) within the
     * configured request timeout.
     */
    public IrisApiResponse post(String pathAndQuery, String contentType, String body)
    {
        return logged(() -> signed.post(pathAndQuery, contentType, requireNonNull(body, "body is null")), pathAndQuery);
    }

    public IrisApiResponse post(String pathAndQuery, String contentType, String body, Duration timeout)
    {
        return logged(() -> signed.send("POST", pathAndQuery, contentType, requireNonNull(body, "body is null"), timeout), pathAndQuery);
    }

    /**
     * Whether the API answers its load balancer health check, for the relay's own health check.
     */
    public boolean isReachable(Duration timeout)
    {
        try {
            return unsigned.send("GET", "/healthcheck", null, "", timeout).status() == 200;
        }
        catch (IrisApiUnreachableException e) {
            return false;
        }
    }

    private static IrisApiResponse logged(Supplier<IrisApiResponse> call, String pathAndQuery)
    {
        try {
            IrisApiResponse response = call.get();
            if (response.isCredentialsRefused()) {
                // The relay's key or clock is wrong: nothing the caller can fix, so say it loudly here.
                log.error("iris-api refused the relay's credentials (HTTP {}) on {}: check relayApplication, relayKey and the clock",
                        response.status(), pathOf(pathAndQuery));
            }
            return response;
        }
        catch (IrisApiUnreachableException e) {
            log.warn("{}", e.getMessage());
            throw e;
        }
    }

    private static String pathOf(String pathAndQuery)
    {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
