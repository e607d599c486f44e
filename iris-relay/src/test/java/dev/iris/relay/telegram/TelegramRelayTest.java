package dev.iris.relay.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.RelayWithFakeApi;
import dev.iris.relay.testing.TestingRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

final class TelegramRelayTest
{
    private static final String PATH = "/api/v0/telegram/webhook";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final RelayWithFakeApi RELAY = new RelayWithFakeApi("/v0/response/telegram", "Iris incident(9) claimed.");

    @Test
    void claimButtonIsForwardedAndAnsweredWithAnswerCallbackQuery()
            throws Exception
    {
        HttpResponse<String> response = update("""
                {"update_id": 1, "callback_query": {"id": "cq1", "from": {"id": 5550001, "is_bot": false, "first_name": "A"},
                 "message": {"message_id": 7, "chat": {"id": 5550001}, "text": "4242 [app] disk"}, "data": "claim:4242"}}""",
                TestingRelay.TELEGRAM_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = MAPPER.readTree(response.body());
        assertThat(answer.path("method").asText()).isEqualTo("answerCallbackQuery");
        assertThat(answer.path("callback_query_id").asText()).isEqualTo("cq1");
        assertThat(answer.path("text").asText()).isEqualTo("Iris incident(9) claimed.");
        JsonNode forwarded = MAPPER.readTree(RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before()).body());
        assertThat(forwarded).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"5550001\", \"content\": \"claim\"}"));
    }

    @Test
    void textReplyNamesTheRepliedMessage()
            throws Exception
    {
        HttpResponse<String> response = update("""
                {"update_id": 2, "message": {"message_id": 8, "from": {"id": 5550001}, "chat": {"id": 5550001}, "text": " claim ",
                 "reply_to_message": {"message_id": 7, "chat": {"id": 5550001}, "text": "4242 [app] disk"}}}""",
                TestingRelay.TELEGRAM_SECRET);

        JsonNode answer = MAPPER.readTree(response.body());
        assertThat(answer.path("method").asText()).isEqualTo("sendMessage");
        assertThat(answer.path("chat_id").asText()).isEqualTo("5550001");
        assertThat(answer.path("text").asText()).isEqualTo("Iris incident(9) claimed.");
        JsonNode forwarded = MAPPER.readTree(RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before()).body());
        assertThat(forwarded).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"5550001\", \"content\": \"claim\"}"));
    }

    @Test
    void startTellsThePersonTheirIdWithoutCallingTheApi()
            throws Exception
    {
        HttpResponse<String> response = update("""
                {"update_id": 3, "message": {"message_id": 9, "from": {"id": 5550001}, "chat": {"id": 5550001}, "text": "/start"}}""",
                TestingRelay.TELEGRAM_SECRET);

        assertThat(MAPPER.readTree(response.body()).path("text").asText()).contains("5550001");
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void updatesWithoutTheSecretTokenAreRefused()
    {
        String body = "{\"update_id\": 4, \"callback_query\": {\"id\": \"x\", \"from\": {\"id\": 1}, \"data\": \"claim:1\"}}";
        assertThat(update(body, null).statusCode()).isEqualTo(401);
        assertThat(update(body, TestingRelay.TELEGRAM_SECRET + "x").statusCode()).isEqualTo(401);
        assertThat(update(body, "").statusCode()).isEqualTo(401);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void otherUpdatesAreAcknowledgedAndBadBodiesRefused()
    {
        assertThat(update("{\"update_id\": 5, \"edited_message\": {}}", TestingRelay.TELEGRAM_SECRET).statusCode()).isEqualTo(200);
        assertThat(update("not json", TestingRelay.TELEGRAM_SECRET).statusCode()).isEqualTo(400);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    private static HttpResponse<String> update(String body, String secret)
    {
        return secret == null
                ? Http.post(RELAY.relay().uri(PATH), "application/json", body)
                : Http.post(RELAY.relay().uri(PATH), "application/json", body, TelegramResource.SECRET_HEADER, secret);
    }
}
