package dev.iris.relay.twilio;

import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.common.http.IrisException;
import dev.iris.relay.api.ApiClient;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Twilio's delivery status callbacks, passed to the API. When the API is down or failing the
 * answer is 503, so Twilio records the failure (and retries or uses its fallback URL where
 * configured); an answer the API refused is 400, as in Iris. The {@code message_id} the sender put
 * in the callback URL goes along, so the API can record a status that arrives before the sender
 * has written the message's SID.
 */
@Path("/api/v0/twilio/status")
@TwilioSigned
public final class TwilioStatusResource
{
    static final String API_PATH = "/v0/twilio/deliveryupdate";

    private static final Logger log = LoggerFactory.getLogger(TwilioStatusResource.class);

    private final ApiClient api;

    public TwilioStatusResource(ApiClient api)
    {
        this.api = requireNonNull(api, "api is null");
    }

    @POST
    public Response status(@QueryParam("message_id") String messageId, String body)
    {
        String pathAndQuery = API_PATH;
        if (messageId != null) {
            MessageIds.checkSingleMessageId(messageId);
            pathAndQuery += "?message_id=" + messageId;
        }
        IrisApiResponse response;
        try {
            response = api.post(pathAndQuery, ApiClient.FORM, body);
        }
        catch (IrisApiUnreachableException e) {
            throw unavailable();
        }
        if (response.status() == 204) {
            return Response.noContent().build();
        }
        if (response.isServerError() || response.isCredentialsRefused()) {
            throw unavailable();
        }
        log.warn("iris-api refused a delivery status update with HTTP {}", response.status());
        throw IrisException.badRequest("Likely bad params passed", "Invalid response from API");
    }

    private static IrisException unavailable()
    {
        return new IrisException(503, "Service Unavailable", "The delivery status could not be recorded; retry later");
    }
}
