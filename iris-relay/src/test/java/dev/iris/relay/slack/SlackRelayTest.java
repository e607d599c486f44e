package dev.iris.relay.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.api.ReplyTexts;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.SlackSigner;
import dev.iris.relay.testing.TestingRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

final class SlackRelayTest
{
    private static final String PATH = "/api/v0/slack/messages/relay";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static FakeIrisApi api;
    private static TestingRelay relay;
    private static final AtomicInteger NONCE = new AtomicInteger();

    private int before;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        api.respondAppResponse("/v0/response/slack", "Iris incident 9 claimed.");
        relay = TestingRelay.builder(api.url()).slackApiTimeout("1s").start();
    }

    @BeforeEach
    void rememberForwarded()
    {
        api.respondAppResponse("/v0/response/slack", "Iris incident 9 claimed.");
        before = api.forwarded().size();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @Test
    void legacyAttachmentButtonIsForwardedAndAnswered()
            throws Exception
    {
        String body = form("""
                {"type": "interactive_message", "callback_id": "4242", "token": "legacy-token",
                 "actions": [{"name": "claim", "type": "button", "value": "claim"}],
                 "user": {"id": "U1", "name": "alice"}}""");

        HttpResponse<String> response = signedPost(body, now());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = MAPPER.readTree(response.body());
        assertThat(answer.get("text").asText()).isEqualTo("Iris incident 9 claimed.");
        assertThat(answer.get("replace_original").asBoolean(true)).isFalse();
        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/slack");
        assertThat(forwarded.contentType()).isEqualTo("application/json");
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"alice\", \"content\": \"claim\"}"));
    }

    @Test
    void blockKitButtonIsForwarded()
            throws Exception
    {
        String body = form("""
                {"type": "block_actions", "user": {"id": "U2", "username": "bob", "name": "bob", "team_id": "T1"},
                 "container": {"type": "message", "message_ts": "1.2"},
                 "actions": [{"type": "button", "action_id": "claim_all", "block_id": "b1", "value": "77", "action_ts": "3.4"}]}""");

        HttpResponse<String> response = signedPost(body, now());

        assertThat(response.statusCode()).isEqualTo(200);
        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 77, \"source\": \"bob\", \"content\": \"claim all\"}"));
    }

    @Test
    void tamperedBodyIsRefused()
    {
        String signedBody = form(legacyPayload("4242"));
        long timestamp = now();
        String signature = SlackSigner.sign(TestingRelay.SLACK_SECRET, timestamp, signedBody);

        HttpResponse<String> response = Http.postForm(relay.uri(PATH), form(legacyPayload("4243")),
                SlackSignatureFilter.TIMESTAMP_HEADER, String.valueOf(timestamp), SlackSignatureFilter.SIGNATURE_HEADER, signature);

        assertRefused(response, "Invalid Slack signature");
    }

    @Test
    void requestSignedWithAnotherSecretIsRefused()
    {
        String body = form(legacyPayload("4242"));
        long timestamp = now();

        HttpResponse<String> response = Http.postForm(relay.uri(PATH), body,
                SlackSignatureFilter.TIMESTAMP_HEADER, String.valueOf(timestamp), SlackSignatureFilter.SIGNATURE_HEADER, SlackSigner.sign("not-the-secret", timestamp, body));

        assertRefused(response, "Invalid Slack signature");
    }

    @Test
    void requestWithAnOldTimestampIsRefusedEvenWhenCorrectlySigned()
    {
        HttpResponse<String> response = signedPost(form(legacyPayload("4242")), now() - 6 * 60);

        assertRefused(response, "replay window");
    }

    @Test
    void replayedRequestIsRefused()
    {
        String body = form(legacyPayload("4242"));
        long timestamp = now();
        HttpResponse<String> first = signedPost(body, timestamp);
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<String> replay = signedPost(body, timestamp);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("Replayed");
        assertThat(api.forwarded()).hasSize(before + 1);
    }

    @Test
    void unsignedRequestIsRefused()
    {
        HttpResponse<String> response = Http.postForm(relay.uri(PATH), form(legacyPayload("4242")));

        assertRefused(response, "Missing X-Slack-Signature");
    }

    @Test
    void unsupportedActionIsABadRequest()
    {
        String body = form("""
                {"type": "interactive_message", "callback_id": "4242",
                 "actions": [{"name": "delete everything"}], "user": {"name": "alice"}}""");

        HttpResponse<String> response = signedPost(body, now());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unsupported action");
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void missingPayloadIsABadRequest()
    {
        HttpResponse<String> response = signedPost("token=abc", now());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void slowApiGetsAFriendlyAnswerWithinSlacksThreeSeconds()
            throws Exception
    {
        api.hang("/v0/response/slack");
        Instant started = Instant.now();

        HttpResponse<String> response = signedPost(form(legacyPayload("4242")), now());

        api.stopHanging("/v0/response/slack");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("text").asText()).isEqualTo(ReplyTexts.API_SLOW);
    }

    @Test
    void apiErrorTextIsShownButNotItsInternals()
            throws Exception
    {
        api.respond("/v0/response/slack", 400, "{\"title\": \"Invalid response\", \"description\": \"Message 4242 was not sent to you\"}");

        HttpResponse<String> response = signedPost(form(legacyPayload("4242")), now());

        assertThat(MAPPER.readTree(response.body()).get("text").asText()).isEqualTo("Message 4242 was not sent to you");
    }

    private static HttpResponse<String> signedPost(String body, long timestamp)
    {
        return Http.postForm(relay.uri(PATH), body,
                SlackSignatureFilter.TIMESTAMP_HEADER, String.valueOf(timestamp),
                SlackSignatureFilter.SIGNATURE_HEADER, SlackSigner.sign(TestingRelay.SLACK_SECRET, timestamp, body));
    }

    private void assertRefused(HttpResponse<String> response, String reason)
    {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(reason).doesNotContain(TestingRelay.SLACK_SECRET);
        assertThat(api.forwarded()).hasSize(before);
    }

    private static String legacyPayload(String messageId)
    {
        // A fresh action_ts per press, as Slack sends, so two presses are never the same request.
        return "{\"callback_id\": \"" + messageId + "\", \"action_ts\": \"" + NONCE.incrementAndGet() + "\", \"actions\": [{\"name\": \"claim\"}], \"user\": {\"name\": \"alice\"}}";
    }

    private static String form(String payload)
    {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static long now()
    {
        return System.currentTimeMillis() / 1000;
    }
}
