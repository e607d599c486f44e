package dev.iris.relay.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

final class MattermostRelayTest
{
    private static final String PATH = "/api/v0/mattermost/action";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ActionToken TOKENS = new ActionToken("mattermost", TestingRelay.MATTERMOST_SECRET);

    @RegisterExtension
    static final RelayWithFakeApi RELAY = new RelayWithFakeApi("/v0/response/mattermost", "Iris incident(9) claimed.");

    @Test
    void buttonIsForwardedAsAClaimByTheUsernameAndUpdatesThePostOnce()
            throws Exception
    {
        String token = TOKENS.issue(4242, "alice", Instant.now().plusSeconds(600));

        HttpResponse<String> first = press(token);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answer = MAPPER.readTree(first.body());
        assertThat(answer.path("ephemeral_text").asText()).isEqualTo("Iris incident(9) claimed.");
        assertThat(answer.path("update").path("props").path("attachments").path(0).path("text").asText()).isEqualTo("Iris incident(9) claimed.");
        assertThat(answer.path("update").path("props").path("attachments").path(0).has("actions")).as("the button is gone").isFalse();
        FakeIrisApi.Forwarded forwarded = RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before());
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/mattermost");
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"alice\", \"content\": \"claim\"}"));

        HttpResponse<String> second = press(token);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(second.body()).path("ephemeral_text").asText()).isEqualTo("This claim button was already used");
        assertThat(MAPPER.readTree(second.body()).has("update")).isFalse();
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before() + 1);
    }

    @Test
    void forgedExpiredAndOtherChannelTokensOnlyTellThePresser()
            throws Exception
    {
        String forged = new ActionToken("mattermost", "an-attacker-guessing-the-secret-0123").issue(1, "alice", Instant.now().plusSeconds(600));
        String expired = TOKENS.issue(1, "alice", Instant.now().minusSeconds(1));
        String ntfy = new ActionToken("ntfy", TestingRelay.MATTERMOST_SECRET).issue(1, "alice", Instant.now().plusSeconds(600));

        try (LogCapture logs = LogCapture.captureAll()) {
            for (String token : new String[] {forged, expired, ntfy, "", "v1.x"}) {
                HttpResponse<String> response = press(token);
                assertThat(response.statusCode()).as(token).isEqualTo(200);
                JsonNode answer = MAPPER.readTree(response.body());
                assertThat(answer.path("ephemeral_text").asText()).contains("invalid or has expired");
                assertThat(answer.has("update")).isFalse();
            }
            assertThat(logs.text()).contains("invalid or expired").doesNotContain(forged);
        }
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void aChannelButtonClaimsAsWhoeverPressedIt()
            throws Exception
    {
        String token = TOKENS.issue(5151, "~db-oncall", Instant.now().plusSeconds(600));

        HttpResponse<String> anonymous = Http.post(RELAY.relay().uri(PATH), "application/json",
                MAPPER.createObjectNode().set("context", MAPPER.createObjectNode().put("token", token)).toString());
        assertThat(anonymous.statusCode()).as("a channel post claims as the presser, so one must be named").isEqualTo(400);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());

        HttpResponse<String> pressed = press(token, "bob");

        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
        FakeIrisApi.Forwarded forwarded = RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before());
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 5151, \"source\": \"bob\", \"content\": \"claim\"}"));
    }

    @Test
    void aPersonsButtonClaimsAsThatPersonWhoeverPresses()
            throws Exception
    {
        press(TOKENS.issue(6161, "alice", Instant.now().plusSeconds(600)), "mallory");

        FakeIrisApi.Forwarded forwarded = RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before());
        assertThat(MAPPER.readTree(forwarded.body()).path("source").asText()).isEqualTo("alice");
    }

    @Test
    void badBodiesAreBadRequests()
    {
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "not json").statusCode()).isEqualTo(400);
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "{\"context\": {}}").statusCode()).isEqualTo(400);
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/json", "{\"context\": {\"token\": \"" + "a".repeat(20_000) + "\"}}").statusCode()).isEqualTo(413);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    private static HttpResponse<String> press(String token)
    {
        return press(token, "alice");
    }

    private static HttpResponse<String> press(String token, String username)
    {
        ObjectNode request = MAPPER.createObjectNode()
                .put("user_id", "uid-" + username)
                .put("user_name", username)
                .put("channel_id", "cid")
                .put("post_id", "pid")
                .put("type", "")
                .put("data_source", "");
        request.putObject("context").put("token", token);
        return Http.post(RELAY.relay().uri(PATH), "application/json", request.toString());
    }
}
