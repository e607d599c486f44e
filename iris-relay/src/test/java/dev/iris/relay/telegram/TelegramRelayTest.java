package dev.iris.relay.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.RelayWithFakeApi;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.testing.Deadline;
import dev.iris.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /**
     * Telegram keeps its webhook connections alive. A refused update whose body arrives after its
     * headers must still leave the connection usable for the next update: refused unread, the
     * body made the server close the connection, and the next update sent at once on it got no
     * answer (seen as "header parser received no bytes" in ClaimEndToEndTest).
     */
    @Test
    void aRefusedUpdateLeavesTheConnectionUsableForTheNextOne()
            throws Exception
    {
        String body = "{\"update_id\": 6, \"edited_message\": {}}";
        URI uri = RELAY.relay().uri(PATH);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort()); LogCapture log = LogCapture.capture(TelegramResource.class.getName())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(headers(uri, body, "not-the-secret"));
            out.flush();
            // The body goes only once the relay has refused the update on its headers.
            assertThat(Deadline.after(Duration.ofSeconds(10)).await(() -> log.text().contains("Refused a Telegram update"), Duration.ofMillis(5)))
                    .as("the relay refuses the update before its body arrives").isTrue();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 401");

            out.write(headers(uri, body, TestingRelay.TELEGRAM_SECRET));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readResponse(in)).as("the next update on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    private static byte[] headers(URI uri, String body, String secret)
    {
        return ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n" + TelegramResource.SECRET_HEADER + ": " + secret + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The status line and headers of one response, its body read and dropped (a fixed length or
     * chunks).
     */
    private static String readResponse(InputStream in)
            throws IOException
    {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the connection closed after: " + head);
            }
            head.append((char) next);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(lower);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String size = line(in).trim();
                int chunk = Integer.parseInt(size, 16);
                in.readNBytes(chunk);
                line(in);
                if (chunk == 0) {
                    break;
                }
            }
        }
        return head.toString();
    }

    private static String line(InputStream in)
            throws IOException
    {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = in.read()) >= 0 && next != '\n') {
            line.append((char) next);
        }
        return line.toString();
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
