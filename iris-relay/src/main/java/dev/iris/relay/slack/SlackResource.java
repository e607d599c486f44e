package dev.iris.relay.slack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.api.ReplyTexts;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Slack button presses. Slack shows an error unless it has an answer within 3 seconds, so the API
 * call is bounded and a slow API gets a friendly "still working" text instead.
 */
@Path("/api/v0/slack/messages/relay")
@SlackSigned
public final class SlackResource
{
    static final String API_PATH = "/v0/response/slack";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApiClient api;
    private final Duration apiTimeout;

    public SlackResource(ApiClient api, Duration apiTimeout)
    {
        this.api = requireNonNull(api, "api is null");
        this.apiTimeout = requireNonNull(apiTimeout, "apiTimeout is null");
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public SlackReply relay(String body)
    {
        SlackAction action = SlackPayloads.parse(body);
        IrisApiResponse response;
        try {
            response = api.post(API_PATH, ApiClient.JSON, toJson(action), apiTimeout);
        }
        catch (IrisApiUnreachableException e) {
            return new SlackReply(e.timedOut() ? ReplyTexts.API_SLOW : ReplyTexts.API_UNREACHABLE);
        }
        return new SlackReply(ReplyTexts.forAnswer(response, API_PATH));
    }

    private static String toJson(SlackAction action)
    {
        try {
            return MAPPER.writeValueAsString(action);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posted back into the channel as a new message, leaving the page with its buttons in place.
     */
    public record SlackReply(
            @JsonProperty("text") String text,
            @JsonProperty("replace_original") boolean replaceOriginal)
    {
        public SlackReply(String text)
        {
            this(text, false);
        }
    }
}
