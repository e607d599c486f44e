package dev.iris.relay.api;

import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.relay.testing.TwiMlDocument;
import dev.iris.relay.testing.TwilioSigner;
import dev.iris.relay.twilio.TwilioSignatureFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.iris.relay.testing.TwilioSigner.parameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API answers, but with an error: its user-facing refusals reach the person, its internal
 * failures never do.
 */
final class ApiFailureTest
{
    private static final String SMS_PATH = "/api/v0/twilio/messages/relay";

    private static FakeIrisApi api;
    private static TestingRelay relay;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        relay = TestingRelay.builder(api.url()).apiRequestTimeout("1s").start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @Test
    void unparseableReplyGetsIrisErrorTextBySms()
    {
        api.respond("/v0/response/twilio/messages", 400, "{\"title\": \"Invalid response\", \"description\": \"Reply with <id> claim, claim all or claim last.\"}");

        HttpResponse<String> response = signedPost(SMS_PATH, parameters("Body", "hello?", "From", "+14155550100"));

        assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo("Reply with <id> claim, claim all or claim last.");
    }

    @Test
    void apiCrashIsNotRepeatedToThePerson()
    {
        api.respond("/v0/response/twilio/messages", 500, "java.lang.NullPointerException: at dev.iris.api.ResponseResource.handle");

        HttpResponse<String> response = signedPost(SMS_PATH, parameters("Body", "17 claim", "From", "+14155550100"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo(ReplyTexts.API_FAILED);
        assertThat(response.body()).doesNotContain("NullPointerException");
    }

    @Test
    void answerWithoutAppResponseIsNotShown()
    {
        api.respond("/v0/response/twilio/messages", 200, "{\"unexpected\": true}");

        HttpResponse<String> response = signedPost(SMS_PATH, parameters("Body", "17 claim", "From", "+14155550100"));

        assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo(ReplyTexts.API_FAILED);
    }

    @Test
    void blankAppResponseSendsNoSms()
    {
        api.respond("/v0/response/twilio/messages", 200, "{\"app_response\": \"\"}");

        HttpResponse<String> response = signedPost(SMS_PATH, parameters("Body", "17 claim", "From", "+14155550100"));

        assertThat(TwiMlDocument.parse(response.body()).verbs()).isEmpty();
    }

    @Test
    void apiRefusingTheRelaysKeyIsNotBlamedOnThePerson()
    {
        api.respond("/v0/response/twilio/calls", 401, "{\"title\": \"Authentication failure\", \"description\": \"HMAC failed validation. Check API key/clock skew\"}");

        HttpResponse<String> response = signedPost("/api/v0/twilio/calls/relay?message_id=42", parameters("Digits", "2"));

        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Say", "Hangup");
        assertThat(twiml.verbs().get(0).getTextContent()).startsWith("Sorry, Iris could not process your key press");
        assertThat(response.body()).doesNotContain("HMAC");
    }

    @Test
    void slowApiGetsAnHonestSpokenAnswerInsteadOfSilence()
    {
        api.hang("/v0/response/twilio/calls");
        try {
            HttpResponse<String> response = signedPost("/api/v0/twilio/calls/relay?message_id=42", parameters("Digits", "2"));

            TwiMlDocument twiml = TwiMlDocument.parse(response.body());
            assertThat(twiml.verbNames()).containsExactly("Say", "Hangup");
            assertThat(twiml.verbs().get(0).getTextContent()).startsWith("Sorry, Iris is slow to answer");
        }
        finally {
            api.stopHanging("/v0/response/twilio/calls");
        }
    }

    @Test
    void slowApiDuringAnSmsReplyDoesNotClaimToHaveWorked()
    {
        api.hang("/v0/response/twilio/messages");
        try {
            HttpResponse<String> response = signedPost(SMS_PATH, parameters("Body", "17 claim", "From", "+14155550100"));

            assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo(ReplyTexts.API_SLOW);
        }
        finally {
            api.stopHanging("/v0/response/twilio/messages");
        }
    }

    @Test
    void statusCallbackTheApiRefusesIsABadRequest()
    {
        api.respond("/v0/twilio/deliveryupdate", 400, "{\"title\": \"Invalid request\"}");

        HttpResponse<String> response = signedPost("/api/v0/twilio/status", parameters("MessageSid", "SM1", "MessageStatus", "sent"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void statusCallbackDuringAnApiFailureIsA503()
    {
        api.respond("/v0/twilio/deliveryupdate", 500, "boom");

        HttpResponse<String> response = signedPost("/api/v0/twilio/status", parameters("MessageSid", "SM1", "MessageStatus", "sent"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("boom");
    }

    @Test
    void relaySignaturesAreRejectedByAnApiWithAnotherKey()
            throws Exception
    {
        // Proves the fake API really checks the relay's HMAC, which every other test relies on.
        try (FakeIrisApi strictApi = FakeIrisApi.start("another-key");
                TestingRelay misconfigured = TestingRelay.builder(strictApi.url()).start()) {
            Map<String, String> sms = parameters("Body", "17 claim", "From", "+14155550100");
            String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, misconfigured.baseUrl() + SMS_PATH, sms);

            HttpResponse<String> response = Http.postForm(misconfigured.uri(SMS_PATH), TwilioSigner.formBody(sms), TwilioSignatureFilter.SIGNATURE_HEADER, signature);

            assertThat(strictApi.refusedSignatures()).isEqualTo(1);
            assertThat(strictApi.forwarded()).isEmpty();
            assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo(ReplyTexts.API_FAILED);
        }
    }

    private static HttpResponse<String> signedPost(String pathAndQuery, Map<String, String> parameters)
    {
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + pathAndQuery, parameters);
        return Http.postForm(relay.uri(pathAndQuery), TwilioSigner.formBody(parameters), TwilioSignatureFilter.SIGNATURE_HEADER, signature);
    }
}
