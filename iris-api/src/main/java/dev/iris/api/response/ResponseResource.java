package dev.iris.api.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import dev.iris.core.response.DeliveryUpdateService;
import dev.iris.core.response.Reply;
import dev.iris.core.response.ReplyParser;
import dev.iris.core.response.ReplyService;
import dev.iris.core.response.ReplyTexts;
import dev.iris.core.response.SmsOptOutService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Iris's response endpoints, called by iris-relay with its application HMAC: SMS replies, call
 * key presses, email replies, Slack buttons and Twilio delivery callbacks. Replies are answered
 * with {@code {"app_response": text}} (an empty text means "send nothing back").
 *
 * <p>Only the applications listed in {@code responseApplications} (default {@code iris-relay})
 * may post here: a reply says who the replier is, so any other application could claim in
 * anyone's name.
 */
@Path("/v0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class ResponseResource
{
    private final ReplyService replies;
    private final EmailReplies emailReplies;
    private final SmsOptOutService optOut;
    private final DeliveryUpdateService deliveryUpdates;
    private final ObjectMapper objectMapper;
    private final Set<String> allowedApplications;

    @Inject
    public ResponseResource(ReplyService replies, EmailReplies emailReplies, SmsOptOutService optOut, DeliveryUpdateService deliveryUpdates,
            ObjectMapper objectMapper, IrisApiConfiguration configuration)
    {
        this.replies = requireNonNull(replies, "replies is null");
        this.emailReplies = requireNonNull(emailReplies, "emailReplies is null");
        this.optOut = requireNonNull(optOut, "optOut is null");
        this.deliveryUpdates = requireNonNull(deliveryUpdates, "deliveryUpdates is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.allowedApplications = Set.copyOf(configuration.getResponseApplications());
    }

    @POST
    @Path("response/twilio/messages")
    public Map<String, String> sms(@Auth Caller caller, String body)
    {
        requireRelay(caller);
        FormFields form = FormFields.parse(body);
        String text = form.get("Body").orElseThrow(() -> IrisException.badRequest("SMS body not found", "Missing Body argument in post body"));
        String source = form.get("From").orElseThrow(() -> IrisException.badRequest("From argument not found", "Missing From in post body"));
        Optional<String> optOutAnswer = optOut.apply(source, text);
        if (optOutAnswer.isPresent()) {
            return answer(optOutAnswer.get());
        }
        Optional<Reply> reply = ReplyParser.parse(text);
        if (reply.isEmpty()) {
            if (replies.recordUnparseable(source, text)) {
                throw IrisException.badRequest(ReplyTexts.INVALID_RESPONSE, "failed to parse response");
            }
            return answer("");
        }
        return answer(replies.handle("sms", source, reply.get(), text.strip()).text());
    }

    @POST
    @Path("response/twilio/calls")
    public Map<String, String> call(@Auth Caller caller, @QueryParam("message_id") String messageId, String body)
    {
        requireRelay(caller);
        if (messageId == null || messageId.isEmpty()) {
            throw IrisException.badRequest("Missing parameter", "The \"message_id\" parameter is required.");
        }
        if (!ReplyParser.isMessageId(messageId) && !ReplyParser.isBatchId(messageId)) {
            throw IrisException.badRequest("Invalid message id", "invalid message id: " + messageId);
        }
        FormFields form = FormFields.parse(body);
        String digits = form.get("Digits").orElseThrow(() -> IrisException.badRequest("Digits argument not found"));
        // On an outbound call, To is the person's phone; From is Iris's number.
        String source = form.get("To").orElseThrow(() -> IrisException.badRequest("To argument not found"));
        Optional<Reply> reply = ReplyParser.parseKeypress(digits, messageId);
        if (reply.isEmpty()) {
            replies.record(source, digits);
            return answer(ReplyTexts.unknownKey(digits));
        }
        return answer(replies.handle("call", source, reply.get(), digits).text());
    }

    @POST
    @Path("response/slack")
    public Map<String, String> slack(@Auth Caller caller, String body)
    {
        return chatAction(caller, "slack", body);
    }

    /**
     * A claim from a chat or push channel, forwarded by iris-relay after it verified the vendor's
     * signature or Iris's own claim token: {@code {msg_id, source, content}} as for Slack, where
     * the source is the person's contact for that mode (an ntfy topic, a Telegram chat id...).
     * Without {@code msg_id}, the content is a text reply in Iris's SMS grammar ("claim" for the
     * last page, "42 claim", "claim all").
     */
    @POST
    @Path("response/{mode: ntfy|telegram|mattermost|teams}")
    public Map<String, String> chat(@Auth Caller caller, @jakarta.ws.rs.PathParam("mode") String mode, String body)
    {
        return chatAction(caller, mode, body);
    }

    private Map<String, String> chatAction(Caller caller, String mode, String body)
    {
        requireRelay(caller);
        JsonNode json = json(body);
        JsonNode messageId = json.get("msg_id");
        JsonNode source = json.get("source");
        JsonNode content = json.get("content");
        if (source == null || !source.isTextual() || content == null || !content.isTextual()) {
            throw IrisException.badRequest("Post body missing required key");
        }
        String command = content.asText().strip();
        Reply reply;
        if (messageId == null && !mode.equals("slack")) {
            reply = ReplyParser.parse(command).orElseThrow(() -> IrisException.badRequest(ReplyTexts.INVALID_RESPONSE, "failed to parse response"));
        }
        else if (messageId == null) {
            throw IrisException.badRequest("Post body missing required key");
        }
        else if (command.equalsIgnoreCase("claim all")) {
            reply = Reply.claimAll();
        }
        else if (command.equalsIgnoreCase(Reply.CLAIM) && ReplyParser.isMessageId(messageId.asText())) {
            reply = Reply.message(messageId.asText(), Reply.CLAIM);
        }
        else {
            throw IrisException.badRequest("Bad Request", "Failed to handle " + mode + " response");
        }
        return answer(replies.handle(mode, source.asText(), reply, command).text());
    }

    @POST
    @Path("response/email")
    public Response email(@Auth Caller caller, String body)
    {
        requireRelay(caller);
        EmailReplies.Outcome outcome = emailReplies.handle(InboundEmail.fromJson(json(body)));
        Response.ResponseBuilder response = Response.noContent();
        outcome.incidentHeader().ifPresent(value -> response.header(EmailReplies.INCIDENT_HEADER, value));
        return response.build();
    }

    @POST
    @Path("response/gmail")
    public Response gmail(@Auth Caller caller, String body)
    {
        return email(caller, body);
    }

    /**
     * A one-click claim link in a page email ({@code {msg_id, email_address, cmd: "claim"}}); the
     * answer is emailed back.
     */
    @POST
    @Path("response/gmail-oneclick")
    public Response gmailOneClick(@Auth Caller caller, String body)
    {
        requireRelay(caller);
        JsonNode json = json(body);
        JsonNode messageId = json.get("msg_id");
        JsonNode address = json.get("email_address");
        JsonNode command = json.get("cmd");
        if (messageId == null || !ReplyParser.isMessageId(messageId.asText()) || address == null || !address.isTextual()
                || command == null || !command.isTextual()) {
            throw IrisException.badRequest("Post body missing required key or key of wrong type");
        }
        if (!Reply.CLAIM.equals(command.asText())) {
            throw IrisException.badRequest("GmailOneClick only supports claiming individual messages");
        }
        emailReplies.oneClick(messageId.asText(), address.asText().strip());
        return Response.noContent().build();
    }

    @POST
    @Path("twilio/deliveryupdate")
    public Response deliveryUpdate(@Auth Caller caller, @QueryParam("message_id") String messageId, String body)
    {
        requireRelay(caller);
        if (messageId != null && !ReplyParser.isMessageId(messageId)) {
            throw IrisException.badRequest("Invalid message id", "invalid message id: " + messageId);
        }
        FormFields form = FormFields.parse(body);
        Optional<String> sid = form.get("MessageSid").or(() -> form.get("CallSid")).filter(value -> !value.isBlank());
        Optional<String> status = form.get("MessageStatus").or(() -> form.get("CallStatus")).filter(value -> !value.isBlank());
        if (sid.isEmpty() || status.isEmpty()) {
            throw IrisException.badRequest("Invalid keys in payload");
        }
        deliveryUpdates.update(sid.get().strip(), status.get(), Optional.ofNullable(messageId).map(Long::parseLong));
        return Response.noContent().build();
    }

    private void requireRelay(Caller caller)
    {
        String application = caller.requireApplication().name();
        if (!allowedApplications.contains(application)) {
            throw IrisException.forbidden("Forbidden", "Application " + application + " may not submit responses");
        }
    }

    private JsonNode json(String body)
    {
        try {
            JsonNode json = body == null || body.isBlank() ? null : objectMapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw IrisException.badRequest("Invalid JSON", "Expected a JSON object");
            }
            return json;
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest("Invalid JSON", "The body is not valid JSON");
        }
    }

    private static Map<String, String> answer(String text)
    {
        return Map.of("app_response", text);
    }
}
