package dev.iris.relay.ntfy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.api.ReplyTexts;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.RelayWithFakeApi;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.spi.action.ActionToken;
import dev.iris.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

final class NtfyRelayTest
{
    private static final String PATH = "/api/v0/ntfy/claim";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ActionToken TOKENS = new ActionToken("ntfy", TestingRelay.NTFY_SECRET);

    @RegisterExtension
    static final RelayWithFakeApi RELAY = new RelayWithFakeApi("/v0/response/ntfy", "Iris incident(9) claimed.");

    @Test
    void validTokenIsForwardedAsAClaimByTheTopicAndASecondUseIsRefused()
            throws Exception
    {
        String token = TOKENS.issue(4242, "alice-pager", Instant.now().plusSeconds(600));

        HttpResponse<String> first = claim(token);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(first.body()).path("text").asText()).isEqualTo("Iris incident(9) claimed.");
        FakeIrisApi.Forwarded forwarded = RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before());
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/ntfy");
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"alice-pager\", \"content\": \"claim\"}"));

        HttpResponse<String> second = claim(token);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(second.body()).path("title").asText()).isEqualTo("Already used");
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before() + 1);
    }

    @Test
    void forgedExpiredAndOtherChannelTokensAreRefusedWithoutCallingTheApi()
    {
        String forged = new ActionToken("ntfy", "an-attacker-guessing-the-secret-0123").issue(1, "alice-pager", Instant.now().plusSeconds(600));
        String expired = TOKENS.issue(1, "alice-pager", Instant.now().minusSeconds(1));
        String teams = new ActionToken("teams", TestingRelay.NTFY_SECRET).issue(1, "alice-pager", Instant.now().plusSeconds(600));
        String valid = TOKENS.issue(1, "alice-pager", Instant.now().plusSeconds(600));
        String altered = valid.replaceFirst("^v1\\.1\\.", "v1.2.");

        try (LogCapture logs = LogCapture.captureAll()) {
            for (String token : new String[] {forged, expired, teams, altered, "", "v1.x"}) {
                HttpResponse<String> response = claim(token);
                assertThat(response.statusCode()).as(token).isEqualTo(401);
                assertThat(response.body()).contains("title").doesNotContain(token.isEmpty() ? "\u0000" : token);
            }
            assertThat(logs.text()).contains("invalid or expired").doesNotContain(valid).doesNotContain(forged);
        }
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void badBodiesAreBadRequests()
    {
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "not json").statusCode()).isEqualTo(400);
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "{\"token\": 5}").statusCode()).isEqualTo(400);
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "{\"token\": \"" + "a".repeat(5000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void aClaimThatNeverReachedTheApiCanBeTappedAgain()
            throws Exception
    {
        String token = TOKENS.issue(77, "alice-pager", Instant.now().plusSeconds(600));
        RELAY.api().respond("/v0/response/ntfy", 503, "{\"title\": \"down\"}");

        HttpResponse<String> failed = claim(token);
        assertThat(MAPPER.readTree(failed.body()).path("text").asText()).isEqualTo(ReplyTexts.API_FAILED);

        RELAY.api().respondAppResponse("/v0/response/ntfy", "Iris incident(9) claimed.");
        HttpResponse<String> retried = claim(token);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(retried.body()).path("text").asText()).isEqualTo("Iris incident(9) claimed.");
    }

    private static HttpResponse<String> claim(String token)
    {
        return Http.post(RELAY.relay().uri(PATH), "application/json", MAPPER.createObjectNode().put("token", token).toString());
    }
}
