package dev.iris.relay.twilio;

import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.relay.testing.TwiMlDocument;
import dev.iris.relay.testing.TwilioSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.iris.relay.testing.TwilioSigner.parameters;
import static org.assertj.core.api.Assertions.assertThat;

final class TwilioCallsTest
{
    private static FakeIrisApi api;
    private static TestingRelay relay;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        api.respondAppResponse("/v0/response/twilio/calls", "Iris incident 7 claimed.");
        relay = TestingRelay.builder(api.url()).start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @Test
    void gatherReadsThePageThenAsksForAKeyThatComesBackToTheRelay()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=Disk+full+on+db1&instruction=Press+2+to+claim.&message_id=42&incident_id=7&target=alice&loop=3",
                parameters("CallSid", "CA1", "AnsweredBy", "human"));

        assertThat(response.statusCode()).isEqualTo(200);
        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Pause", "Say", "Gather", "Gather");
        List<Element> verbs = twiml.verbs();
        assertThat(verbs.get(0).getAttribute("length")).isEqualTo("2");
        assertSay(verbs.get(1), "Press pound for menu.");
        String action = relay.baseUrl() + "/api/v0/twilio/calls/relay?message_id=42&incident_id=7&target=alice";

        Element page = verbs.get(2);
        assertThat(page.getAttribute("timeout")).isEqualTo("0");
        assertThat(page.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(page.getAttribute("action")).isEqualTo(action);
        assertThat(TwiMlDocument.children(page)).hasSize(1);
        assertSay(TwiMlDocument.children(page).get(0), "Disk full on db1");

        Element menu = verbs.get(3);
        assertThat(menu.getAttribute("numDigits")).isEqualTo("1");
        assertThat(menu.getAttribute("action")).isEqualTo(action);
        Element instruction = TwiMlDocument.children(menu).get(0);
        assertSay(instruction, "Press 2 to claim.");
        assertThat(instruction.getAttribute("loop")).isEqualTo("3");
    }

    @Test
    void voicemailOnlyHearsThePage()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=Disk+full&instruction=Press+2&message_id=42",
                parameters("CallSid", "CA1", "AnsweredBy", "machine_start"));

        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Say");
        assertSay(twiml.verbs().get(0), "Disk full");
    }

    @Test
    void legacyMachineAnswerOnlyHearsThePage()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=Disk+full&instruction=Press+2&message_id=42",
                parameters("AnsweredBy", "machine"));

        assertThat(TwiMlDocument.parse(response.body()).verbNames()).containsExactly("Say");
    }

    @Test
    void callWithoutMessageIdHasNoMenu()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=FYI&instruction=Press+2", parameters("CallSid", "CA1"));

        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Pause", "Gather");
        assertThat(twiml.verbs().get(1).getAttribute("action")).isEqualTo(relay.baseUrl() + "/api/v0/twilio/calls/relay");
    }

    @Test
    void batchIdIsAcceptedAsMessageId()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=Batch&instruction=Press+2&message_id=0123456789abcdef0123456789ABCDEF",
                parameters("CallSid", "CA1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMlDocument.parse(response.body()).verbs().get(3).getAttribute("action"))
                .endsWith("/api/v0/twilio/calls/relay?message_id=0123456789abcdef0123456789ABCDEF");
    }

    @Test
    void messageIdThatIsNeitherDigitsNorHexIsRefused()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?content=x&instruction=y&message_id=42%26target%3Dmallory",
                parameters("CallSid", "CA1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Bad message id");
    }

    @Test
    void gatherWithoutContentIsRefused()
    {
        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/gather?instruction=y&message_id=42", parameters("CallSid", "CA1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("content");
    }

    @Test
    void sayEchoesTheContentEscapedOnGetAndPost()
    {
        String path = "/api/v0/twilio/calls/say?content=%3CSay%3E+%26+more&loop=2";
        String url = relay.baseUrl() + path;
        HttpResponse<String> get = Http.get(relay.uri(path), TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, url, Map.of()));
        HttpResponse<String> post = signedPost(path, parameters("CallSid", "CA1"));

        for (HttpResponse<String> response : List.of(get, post)) {
            assertThat(response.statusCode()).isEqualTo(200);
            TwiMlDocument twiml = TwiMlDocument.parse(response.body());
            assertThat(twiml.verbNames()).containsExactly("Say");
            assertSay(twiml.verbs().get(0), "<Say> & more");
            assertThat(twiml.verbs().get(0).getAttribute("loop")).isEqualTo("2");
        }
    }

    @Test
    void keyPressIsForwardedWithItsMessageIdAndTheAnswerIsSpoken()
    {
        Map<String, String> keyPress = parameters("CallSid", "CA9", "Digits", "2", "To", "+14155550100", "From", "+14155550199");
        int before = api.forwarded().size();

        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/relay?message_id=42&incident_id=7", keyPress);

        assertThat(response.statusCode()).isEqualTo(200);
        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Say", "Hangup");
        assertSay(twiml.verbs().get(0), "Iris incident 7 claimed.");
        assertThat(twiml.verbs().get(0).getAttribute("loop")).isEqualTo("2");

        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/twilio/calls?message_id=42&incident_id=7");
        assertThat(forwarded.body()).isEqualTo(TwilioSigner.formBody(keyPress));
        assertThat(forwarded.contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void keyPressWithoutMessageIdIsThankedAndNotForwarded()
    {
        int before = api.forwarded().size();

        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/relay", parameters("CallSid", "CA9", "Digits", "2"));

        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Say", "Hangup");
        assertSay(twiml.verbs().get(0), "Thank you");
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void keyPressWithBadMessageIdIsRefused()
    {
        int before = api.forwarded().size();

        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/relay?message_id=abc", parameters("Digits", "2"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void statusCallbackIsForwardedAndAcknowledged()
    {
        assertStatusForwarded("/api/v0/twilio/status", "/v0/twilio/deliveryupdate");
    }

    @Test
    void statusCallbackForwardsTheMessageIdOfItsUrl()
    {
        // The sender asks Twilio for callbacks on .../status?message_id=<id>: the API needs the id
        // when the callback arrives before the sender has recorded the SID.
        assertStatusForwarded("/api/v0/twilio/status?message_id=42", "/v0/twilio/deliveryupdate?message_id=42");
    }

    private static void assertStatusForwarded(String callbackPathAndQuery, String forwardedPathAndQuery)
    {
        Map<String, String> status = parameters("MessageSid", "SM77", "MessageStatus", "delivered", "AccountSid", "AC1");
        int before = api.forwarded().size();

        HttpResponse<String> response = signedPost(callbackPathAndQuery, status);

        assertThat(response.statusCode()).isEqualTo(204);
        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(forwarded.pathAndQuery()).isEqualTo(forwardedPathAndQuery);
        assertThat(forwarded.body()).isEqualTo(TwilioSigner.formBody(status));
    }

    @Test
    void statusCallbackWithAMessageIdThatIsNotANumberIsRefused()
    {
        int before = api.forwarded().size();

        HttpResponse<String> response = signedPost("/api/v0/twilio/status?message_id=42%26target%3Dmallory",
                parameters("MessageSid", "SM79", "MessageStatus", "delivered"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Bad message id");
        assertThat(api.forwarded()).hasSize(before);
    }

    static void assertSay(Element say, String text)
    {
        assertThat(say.getTagName()).isEqualTo("Say");
        assertThat(say.getTextContent()).isEqualTo(text);
        assertThat(say.getAttribute("voice")).isEqualTo("alice");
        assertThat(say.getAttribute("language")).isEqualTo("en-US");
    }

    private static HttpResponse<String> signedPost(String pathAndQuery, Map<String, String> parameters)
    {
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + pathAndQuery, parameters);
        return Http.postForm(relay.uri(pathAndQuery), TwilioSigner.formBody(parameters), TwilioSignatureFilter.SIGNATURE_HEADER, signature);
    }
}
