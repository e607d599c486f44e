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
import java.util.Map;

import static dev.iris.relay.testing.TwilioSigner.parameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio calls https://relay.example.com/iris/...; a TLS-terminating load balancer strips the
 * prefix and hands the relay plain HTTP.
 */
final class TwilioBehindLoadBalancerTest
{
    private static final String PUBLIC_BASE_URL = "https://relay.example.com/iris";
    private static final String SMS_PATH = "/api/v0/twilio/messages/relay";

    private static FakeIrisApi api;
    private static TestingRelay relay;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        relay = TestingRelay.builder(api.url()).publicBaseUrl(PUBLIC_BASE_URL + "/").start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @Test
    void requestSignedForThePublicUrlIsAccepted()
    {
        Map<String, String> sms = parameters("Body", "claim all", "From", "+14155550100");

        HttpResponse<String> response = Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms),
                TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, PUBLIC_BASE_URL + SMS_PATH, sms));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMlDocument.parse(response.body()).verbs().get(0).getTextContent()).isEqualTo("default answer");
    }

    @Test
    void requestSignedForTheInternalUrlIsRefused()
    {
        Map<String, String> sms = parameters("Body", "claim all", "From", "+14155550100");
        int before = api.forwarded().size();

        HttpResponse<String> response = Http.postForm(relay.uri(SMS_PATH), TwilioSigner.formBody(sms),
                TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, relay.baseUrl() + SMS_PATH, sms));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void voiceMenuSendsTwilioBackToThePublicUrl()
    {
        String pathAndQuery = "/api/v0/twilio/calls/gather?content=Disk+full&instruction=Press+2&message_id=42";
        Map<String, String> call = parameters("CallSid", "CA1");

        HttpResponse<String> response = Http.postForm(relay.uri(pathAndQuery), TwilioSigner.formBody(call),
                TwilioSignatureFilter.SIGNATURE_HEADER, TwilioSigner.sign(TestingRelay.PRIMARY_TWILIO_TOKEN, PUBLIC_BASE_URL + pathAndQuery, call));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMlDocument.parse(response.body()).verbs().get(3).getAttribute("action"))
                .isEqualTo(PUBLIC_BASE_URL + "/api/v0/twilio/calls/relay?message_id=42");
    }
}
