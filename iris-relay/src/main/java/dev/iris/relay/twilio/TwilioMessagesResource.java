package dev.iris.relay.twilio;

import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.api.ReplyTexts;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static java.util.Objects.requireNonNull;

/**
 * Inbound SMS: Twilio's form body goes to the API untouched, and the API's answer goes back to
 * the sender as the SMS reply.
 */
@Path("/api/v0/twilio/messages/relay")
@TwilioSigned
public final class TwilioMessagesResource
{
    static final String API_PATH = "/v0/response/twilio/messages";

    private final ApiClient api;

    public TwilioMessagesResource(ApiClient api)
    {
        this.api = requireNonNull(api, "api is null");
    }

    @POST
    @Produces(MediaType.APPLICATION_XML)
    public Response relay(String body)
    {
        IrisApiResponse response;
        try {
            response = api.post(API_PATH, ApiClient.FORM, body);
        }
        catch (IrisApiUnreachableException e) {
            return TwiMl.message(e.timedOut() ? ReplyTexts.API_SLOW : ReplyTexts.API_UNREACHABLE);
        }
        return TwiMl.message(ReplyTexts.forAnswer(response, API_PATH));
    }
}
