package dev.iris.relay.twilio;

import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.relay.testing.TwiMlDocument;
import dev.iris.relay.testing.TwilioSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.iris.relay.testing.TwilioSigner.parameters;
import static org.assertj.core.api.Assertions.assertThat;

final class TwilioSignatureTest
{
    private static final String SMS_PATH = "/api/v0/twilio/messages/relay";

    private static FakeIrisApi api;
    private static TestingRelay relay;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        api.respondAppResponse("/v0/response/twilio/messages", "Iris incident 17 claimed.");
        relay = TestingRelay.builder(api.url()).start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @Test
    void signedTwilioResultsAreVerifiedAgainstTwiliosPublishedVector()
    {
        // GoAlert's test vector, so the signer these tests use is itself right.
        String signature = TwilioSigner.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters(
                "Digits", "1234", "To", "+18005551212", "From", "+14158675310", "Caller", "+14158675310", "CallSid", "CA1234567890ABCDE"));
        assertThat(signature).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void signedInboundSmsIsForwardedVerbatimAndAnsweredWithTheApiText()
    {
        Map<String, String> sms = smsParameters("17 claim");
        String body = TwilioSigner.formBody(sms);
        int before = api.forwarded().size();

        HttpResponse<String> response = Http.postForm(relay.uri(SMS_PATH), body,
                TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, sms));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
        TwiMlDocument twiml = TwiMlDocument.parse(response.body());
        assertThat(twiml.verbNames()).containsExactly("Message");
        assertThat(twiml.verbs().get(0).getTextContent()).isEqualTo("Iris incident 17 claimed.");

        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/twilio/messages");
        assertThat(forwarded.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.relayWindow()).isTrue();
    }

    @Test
    void requestSignedWithTheSecondRotatedTokenIsAccepted()
    {
        Map<String, String> sms = smsParameters("claim last");
        HttpResponse<String> response = Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms),
                TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.SECONDARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, sms));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo("Iris incident 17 claimed.");
    }

    @Test
    void tamperedBodyIsRefusedBeforeForwarding()
    {
        Map<String, String> signed = smsParameters("17 claim");
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, signed);
        String tampered = TwilioSigner.formBody(smsParameters("18 claim"));

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri(SMS_PATH), tampered, TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
    }

    @Test
    void addedParameterIsRefused()
    {
        Map<String, String> signed = smsParameters("17 claim");
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, signed);
        String body = TwilioSigner.formBody(signed) + "&From=%2B19995550000";

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri(SMS_PATH), body, TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
    }

    @Test
    void requestSignedWithAnUnknownTokenIsRefused()
    {
        Map<String, String> sms = smsParameters("17 claim");
        String signature = TwilioSigner.sign("some-other-accounts-token", relay.baseUrl() + SMS_PATH, sms);

        HttpResponse<String> response = assertRefusedWithoutForwarding(
                () -> Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms), TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
        assertThat(response.body())
                .contains("Invalid X-Twilio-Signature")
                .doesNotContain(TestingRelay.PRIMARY_TWILIO_TOKEN)
                .doesNotContain(TestingRelay.SECONDARY_TWILIO_TOKEN);
    }

    @Test
    void unsignedRequestIsRefused()
    {
        String body = TwilioSigner.formBody(smsParameters("17 claim"));

        HttpResponse<String> response = assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri(SMS_PATH), body), 401);
        assertThat(response.body()).contains("Missing X-Twilio-Signature header");
    }

    @Test
    void signatureForAnotherEndpointIsRefused()
    {
        Map<String, String> sms = smsParameters("17 claim");
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + "/api/v0/twilio/status", sms);

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms), TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
    }

    @Test
    void keyPressWithATamperedMessageIdIsRefused()
    {
        Map<String, String> keyPress = parameters("CallSid", "CA42", "Digits", "2", "To", "+14155550100");
        String signedUrl = relay.baseUrl() + "/api/v0/twilio/calls/relay?message_id=42";
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, signedUrl, keyPress);

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri("/api/v0/twilio/calls/relay?message_id=43"),
                TwilioSigner.formBody(keyPress), TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
    }

    @Test
    void forgedStatusCallbackIsRefused()
    {
        Map<String, String> status = parameters("MessageSid", "SM1", "MessageStatus", "delivered");
        String signature = TwilioSigner.sign("forged", relay.baseUrl() + "/api/v0/twilio/status", status);

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri("/api/v0/twilio/status"), TwilioSigner.formBody(status),
                TwilioSignatureFilter.SIGNATURE_HEADER, signature), 403);
    }

    @Test
    void oversizedBodyIsRefusedUnread()
    {
        Map<String, String> sms = smsParameters("x".repeat(300 * 1024));
        String signature = TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, sms);

        assertRefusedWithoutForwarding(() -> Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms), TwilioSignatureFilter.SIGNATURE_HEADER, signature), 413);
    }

    @Test
    void unsignedVoiceTwimlRequestIsRefused()
    {
        assertRefusedWithoutForwarding(() -> Http.get(relay.uri("/api/v0/twilio/calls/say?content=hello")), 401);
    }

    private static HttpResponse<String> assertRefusedWithoutForwarding(java.util.function.Supplier<HttpResponse<String>> request, int status)
    {
        int before = api.forwarded().size();
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(api.forwarded()).hasSize(before);
        assertThat(api.refusedSignatures()).isZero();
        return response;
    }

    private static Map<String, String> smsParameters(String text)
    {
        return parameters(
                "ToCountry", "US",
                "SmsMessageSid", "SM0123456789abcdef",
                "NumMedia", "0",
                "Body", text,
                "From", "+14155550100",
                "To", "+14155550199",
                "MessageSid", "SM0123456789abcdef",
                "AccountSid", "AC0123",
                "ApiVersion", "2010-04-01");
    }

}
