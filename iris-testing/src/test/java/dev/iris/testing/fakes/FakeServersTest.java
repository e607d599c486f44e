package dev.iris.testing.fakes;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

final class FakeServersTest
{
    @Test
    void twilioSignaturesMatchTheDocumentedVectors()
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Digits", "1234");
        parameters.put("To", "+18005551212");
        parameters.put("From", "+14158675310");
        parameters.put("Caller", "+14158675310");
        parameters.put("CallSid", "CA1234567890ABCDE");

        assertThat(FakeTwilioServer.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void slackSignaturesMatchTheDocumentedVector()
    {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
                + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
                + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        assertThat(FakeSlackServer.signature("8f742231b10e8888abcd99yyyzzz85a5", 1531420618L, body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void twilioFakePlaysTheCalleeAgainstARelay()
            throws Exception
    {
        List<RecordedForm> received = new CopyOnWriteArrayList<>();
        HttpServer relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String relayUrl = "http://127.0.0.1:" + relay.getAddress().getPort();
        relay.createContext("/", exchange -> {
            String body;
            try (InputStream input = exchange.getRequestBody()) {
                body = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> form = RecordedRequest.parseForm(body);
            received.add(new RecordedForm(relayUrl + exchange.getRequestURI(), form, exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            byte[] twiml = "<Response><Say>hello</Say></Response>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        relay.start();
        try (FakeTwilioServer twilio = FakeTwilioServer.start("AC0123456789abcdef0123456789abcdef", "token")) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("AC0123456789abcdef0123456789abcdef:token".getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550101&From=%2B14155550100&Url=" + URLEncoder.encode(relayUrl + "/gather?message_id=5", StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            String callSid = twilio.calls().get(0).sid();

            FakeTwilioServer.Answer answer = twilio.answerCall(callSid, "human");
            twilio.pressDigits(callSid, relayUrl + "/relay?message_id=5", "2");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("<Say>hello</Say>");
            assertThat(received).hasSize(2);
            assertThat(received.get(0).form()).containsEntry("AnsweredBy", "human").containsEntry("CallSid", callSid);
            assertThat(received.get(1).form()).containsEntry("Digits", "2");
            for (RecordedForm form : received) {
                assertThat(form.signature()).isEqualTo(FakeTwilioServer.signature("token", form.url(), form.form()));
            }
        }
        finally {
            relay.stop(0);
        }
    }

    @Test
    void twilioFakeRefusesWrongCredentials()
            throws Exception
    {
        try (FakeTwilioServer twilio = FakeTwilioServer.start("AC0123456789abcdef0123456789abcdef", "token")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("AC0123456789abcdef0123456789abcdef:nope".getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofString("To=%2B1&From=%2B2&Body=x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("20003");
            assertThat(twilio.messages()).isEmpty();
            assertThat(twilio.requests()).hasSize(1);
        }
    }

    @Test
    void webhookReceiverFailsAReproducibleShareAndHangsPastTheTimeout()
            throws Exception
    {
        List<Integer> first = statusesOfFortyPosts(7);
        List<Integer> second = statusesOfFortyPosts(7);

        assertThat(first).isEqualTo(second);
        assertThat(first).contains(204, 500, -1);
        assertThat(first.stream().filter(status -> status != 204).count()).isBetween(6L, 22L);
    }

    private static List<Integer> statusesOfFortyPosts(long seed)
            throws Exception
    {
        HttpClient client = HttpClient.newHttpClient();
        List<Integer> statuses = new java.util.ArrayList<>();
        try (FakeWebhookReceiver receiver = FakeWebhookReceiver.start()) {
            receiver.failRandomly(0.2, 0.1, java.time.Duration.ofSeconds(5), seed);
            for (int i = 0; i < 40; i++) {
                String body = "{\"message_id\": " + i + ", \"incident_id\": 9}";
                try {
                    statuses.add(client.send(HttpRequest.newBuilder(URI.create(receiver.url("/hook")))
                                    .timeout(java.time.Duration.ofMillis(300))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode());
                }
                catch (java.net.http.HttpTimeoutException e) {
                    statuses.add(-1);
                }
            }
            List<FakeWebhookReceiver.Delivery> deliveries = receiver.deliveries();
            assertThat(deliveries).hasSize(40);
            assertThat(deliveries).extracting(FakeWebhookReceiver.Delivery::messageId).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 40).boxed().toList());
            for (int i = 0; i < 40; i++) {
                assertThat(deliveries.get(i).accepted()).as("delivery %s", i).isEqualTo(statuses.get(i) == 204);
                assertThat(deliveries.get(i).hung()).as("delivery %s", i).isEqualTo(statuses.get(i) == -1);
            }
        }
        return statuses;
    }

    @Test
    void webhookReceiverRefusesAWrongSignature()
            throws Exception
    {
        HttpClient client = HttpClient.newHttpClient();
        try (FakeWebhookReceiver receiver = FakeWebhookReceiver.start()) {
            receiver.verifySignatures("0123456789abcdef-secret");
            String body = "{\"message_id\": 5}";
            long now = java.time.Instant.now().getEpochSecond();

            int good = client.send(HttpRequest.newBuilder(URI.create(receiver.url("/hook")))
                    .header("X-Iris-Timestamp", String.valueOf(now))
                    .header("X-Iris-Signature", FakeWebhookReceiver.signature("0123456789abcdef-secret", now, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int forged = client.send(HttpRequest.newBuilder(URI.create(receiver.url("/hook")))
                    .header("X-Iris-Timestamp", String.valueOf(now))
                    .header("X-Iris-Signature", FakeWebhookReceiver.signature("another-secret-entirely", now, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int stale = client.send(HttpRequest.newBuilder(URI.create(receiver.url("/hook")))
                    .header("X-Iris-Timestamp", String.valueOf(now - 3600))
                    .header("X-Iris-Signature", FakeWebhookReceiver.signature("0123456789abcdef-secret", now - 3600, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();

            assertThat(List.of(good, forged, stale)).containsExactly(204, 401, 401);
            assertThat(receiver.deliveries()).extracting(FakeWebhookReceiver.Delivery::accepted).containsExactly(true, false, false);
        }
    }

    private record RecordedForm(String url, Map<String, String> form, String signature) {}
}
