package dev.iris.relay.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.email.InboundMailResource;
import dev.iris.relay.slack.SlackSignatureFilter;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.SlackSigner;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.relay.testing.TwiMlDocument;
import dev.iris.relay.testing.TwilioSigner;
import dev.iris.relay.twilio.TwilioSignatureFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.iris.relay.testing.TwilioSigner.parameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay cannot reach the API at all: every caller still gets a clear answer, and Twilio's
 * status callbacks get a 5xx so the failure is visible and can be redelivered.
 */
final class ApiUnavailableTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestingRelay relay;

    @BeforeAll
    static void start()
            throws IOException
    {
        relay = TestingRelay.builder("http://127.0.0.1:" + unusedPort()).start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
    }

    @Test
    void smsReplyGetsAClearTwimlMessage()
    {
        HttpResponse<String> response = signedTwilioPost("/api/v0/twilio/messages/relay", parameters("Body", "17 claim", "From", "+14155550100"));

        assertThat(response.statusCode()).isEqualTo(200);
        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Message");
        assertThat(twiml.verbs().get(0).getTextContent()).isEqualTo(ReplyTexts.API_UNREACHABLE);
        assertNoInternals(response.body());
    }

    @Test
    void keyPressGetsASpokenErrorAndAHangup()
    {
        HttpResponse<String> response = signedTwilioPost("/api/v0/twilio/calls/relay?message_id=42", parameters("Digits", "2", "To", "+14155550100"));

        assertThat(response.statusCode()).isEqualTo(200);
        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Say", "Hangup");
        assertThat(twiml.verbs().get(0).getTextContent()).startsWith("Sorry, Iris could not be reached");
        assertNoInternals(response.body());
    }

    @Test
    void statusCallbackGetsA503SoTwilioCanRetry()
    {
        HttpResponse<String> response = signedTwilioPost("/api/v0/twilio/status", parameters("MessageSid", "SM1", "MessageStatus", "delivered"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertNoInternals(response.body());
    }

    @Test
    void slackButtonGetsAFriendlyText()
            throws IOException
    {
        String body = "payload=" + URLEncoder.encode("{\"callback_id\": \"1\", \"actions\": [{\"name\": \"claim\"}], \"user\": {\"name\": \"alice\"}}", StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;

        HttpResponse<String> response = Http.postForm(relay.uri("/api/v0/slack/messages/relay"), body,
                SlackSignatureFilter.TIMESTAMP_HEADER, String.valueOf(timestamp),
                SlackSignatureFilter.SIGNATURE_HEADER, SlackSigner.sign(TestingRelay.SLACK_SECRET, timestamp, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("text").asText()).isEqualTo(ReplyTexts.API_UNREACHABLE);
    }

    @Test
    void inboundMailGetsA503SoTheSenderRetries()
    {
        HttpResponse<String> response = Http.post(relay.uri("/api/v0/email/relay"), "message/rfc822",
                "From: alice@example.com\r\nTo: iris@example.com\r\nSubject: Re: 42 page\r\n\r\nclaim\r\n",
                InboundMailResource.SECRET_HEADER, TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(503);
        assertNoInternals(response.body());
    }

    @Test
    void adminHealthCheckReportsTheApiUnreachable()
    {
        HttpResponse<String> response = Http.get(relay.adminUri("/healthcheck"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("does not answer");
    }

    @Test
    void loadBalancerHealthCheckStaysGood()
    {
        HttpResponse<String> response = Http.get(relay.uri("/healthcheck"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GOOD");
    }

    private static void assertNoInternals(String body)
    {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("at dev.iris")
                .doesNotContain("Connection refused")
                .doesNotContain(TestingRelay.RELAY_KEY);
    }

    private static HttpResponse<String> signedTwilioPost(String pathAndQuery, Map<String, String> parameters)
    {
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + pathAndQuery, parameters);
        return Http.postForm(relay.uri(pathAndQuery), TwilioSigner.formBody(parameters), TwilioSignatureFilter.SIGNATURE_HEADER, signature);
    }

    private static int unusedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
