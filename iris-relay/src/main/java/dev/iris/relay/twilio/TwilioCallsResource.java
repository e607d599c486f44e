package dev.iris.relay.twilio;

import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.common.http.IrisException;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.api.ReplyTexts;
import dev.iris.relay.http.FormBody;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Voice calls, with Iris's call flow: the sender points Twilio at {@code gather}, which reads the
 * page and asks for a key; the key press comes back to {@code relay}, which hands it to the API
 * and speaks the answer.
 */
@Path("/api/v0/twilio/calls")
@TwilioSigned
public final class TwilioCallsResource
{
    static final String API_PATH = "/v0/response/twilio/calls";
    static final String RELAY_PATH = "api/v0/twilio/calls/relay";
    static final String UNREACHABLE_SPOKEN = "Sorry, Iris could not be reached, so your key press was not recorded. Please claim the incident in the Iris web UI or by replying to the message.";
    static final String SLOW_SPOKEN = "Sorry, Iris is slow to answer, so your key press may not have been recorded. Please check the incident in the Iris web UI.";
    static final String FAILED_SPOKEN = "Sorry, Iris could not process your key press. Please claim the incident in the Iris web UI or by replying to the message.";

    private static final int MAX_LOOP = 100;

    private final ApiClient api;
    private final TwilioUrls urls;

    public TwilioCallsResource(ApiClient api, TwilioUrls urls)
    {
        this.api = requireNonNull(api, "api is null");
        this.urls = requireNonNull(urls, "urls is null");
    }

    @GET
    @Path("say")
    @Produces(MediaType.APPLICATION_XML)
    public Response sayGet(@QueryParam("content") String content, @QueryParam("loop") String loop)
    {
        return xmlSay(content, loop);
    }

    @POST
    @Path("say")
    @Produces(MediaType.APPLICATION_XML)
    public Response sayPost(@QueryParam("content") String content, @QueryParam("loop") String loop)
    {
        return xmlSay(content, loop);
    }

    @POST
    @Path("gather")
    @Produces(MediaType.APPLICATION_XML)
    public Response gather(
            @QueryParam("content") String content,
            @QueryParam("instruction") String instruction,
            @QueryParam("message_id") String messageId,
            @QueryParam("incident_id") String incidentId,
            @QueryParam("target") String target,
            @QueryParam("loop") String loop,
            @QueryParam("AnsweredBy") String answeredByQuery,
            @Context UriInfo uriInfo,
            String body)
    {
        requireParameter("content", content);
        requireParameter("instruction", instruction);
        Integer loopCount = parseLoop(loop);
        Map<String, String> replyParameters = replyParameters(messageId, incidentId, target);
        String answeredBy = FormBody.parse(body).get("AnsweredBy").orElse(answeredByQuery);

        if (isMachine(answeredBy)) {
            // Voicemail: leave the page itself; nobody is there to press a key.
            return TwiMl.xml(List.of(TwiMl.say(content, loopCount)));
        }
        String action = relayUrl(uriInfo, replyParameters);
        boolean claimable = replyParameters.containsKey("message_id");
        List<TwiMl.Verb> verbs = new ArrayList<>();
        verbs.add(TwiMl.pause(2));
        if (claimable) {
            verbs.add(TwiMl.say("Press pound for menu.", null));
        }
        Map<String, String> page = new LinkedHashMap<>();
        page.put("timeout", "0");
        page.put("finishOnKey", "#");
        page.put("action", action);
        verbs.add(TwiMl.gather(page, TwiMl.say(content, null)));
        if (claimable) {
            Map<String, String> menu = new LinkedHashMap<>();
            menu.put("numDigits", "1");
            menu.put("action", action);
            verbs.add(TwiMl.gather(menu, TwiMl.say(instruction, loopCount)));
        }
        return TwiMl.xml(verbs);
    }

    @POST
    @Path("relay")
    @Produces(MediaType.APPLICATION_XML)
    public Response relay(
            @QueryParam("message_id") String messageId,
            @QueryParam("incident_id") String incidentId,
            @QueryParam("target") String target,
            String body)
    {
        // Out-of-band calls carry no message id: there is nothing to claim.
        if (messageId == null || messageId.isEmpty()) {
            return TwiMl.sayAndHangUp("Thank you");
        }
        String pathAndQuery = API_PATH + "?" + encode(replyParameters(messageId, incidentId, target));
        IrisApiResponse response;
        try {
            response = api.post(pathAndQuery, ApiClient.FORM, body);
        }
        catch (IrisApiUnreachableException e) {
            return TwiMl.sayAndHangUp(e.timedOut() ? SLOW_SPOKEN : UNREACHABLE_SPOKEN);
        }
        String text = ReplyTexts.forAnswer(response, API_PATH);
        return TwiMl.sayAndHangUp(ReplyTexts.API_FAILED.equals(text) ? FAILED_SPOKEN : text);
    }

    private String relayUrl(UriInfo uriInfo, Map<String, String> replyParameters)
    {
        String url = urls.publicUrl(uriInfo, RELAY_PATH);
        return replyParameters.containsKey("message_id") ? url + "?" + encode(replyParameters) : url;
    }

    private static Response xmlSay(String content, String loop)
    {
        requireParameter("content", content);
        return TwiMl.xml(List.of(TwiMl.say(content, parseLoop(loop))));
    }

    /**
     * The parameters that identify what a key press answers, validated, in a fixed order.
     */
    private static Map<String, String> replyParameters(String messageId, String incidentId, String target)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (messageId != null && !messageId.isEmpty()) {
            MessageIds.checkMessageId(messageId);
            parameters.put("message_id", messageId);
        }
        if (incidentId != null && !incidentId.isEmpty()) {
            MessageIds.checkIncidentId(incidentId);
            parameters.put("incident_id", incidentId);
        }
        if (target != null && !target.isEmpty()) {
            parameters.put("target", target);
        }
        return parameters;
    }

    private static boolean isMachine(String answeredBy)
    {
        // Iris's legacy "machine", and AMD's machine_start / machine_end_beep / ...
        return answeredBy != null && answeredBy.startsWith("machine");
    }

    private static Integer parseLoop(String loop)
    {
        if (loop == null || loop.isEmpty()) {
            return null;
        }
        try {
            int count = Integer.parseInt(loop);
            if (count >= 0 && count <= MAX_LOOP) {
                return count;
            }
        }
        catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw IrisException.badRequest("Bad loop", "loop must be an integer from 0 to " + MAX_LOOP);
    }

    private static void requireParameter(String name, String value)
    {
        if (value == null || value.isEmpty()) {
            throw IrisException.badRequest("Missing parameter", "The \"" + name + "\" parameter is required.");
        }
    }

    private static String encode(Map<String, String> parameters)
    {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
