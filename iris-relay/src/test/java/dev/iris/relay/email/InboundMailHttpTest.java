package dev.iris.relay.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.TestingRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class InboundMailHttpTest
{
    private static final String PATH = "/api/v0/email/relay";
    private static final String REPLY = """
            From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>\r
            To: iris@example.com\r
            Subject: Re: 4242 [db] Disk\r
             full\r
            In-Reply-To: <4242@iris.example.com>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/html; charset=UTF-8\r
            \r
            <p>claim</p>\r
            --b1\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            claim\r
            \r
            > quoted page\r
            --b1--\r
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static FakeIrisApi api;
    private static TestingRelay relay;
    private int before;

    @BeforeAll
    static void start()
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        relay = TestingRelay.builder(api.url()).start();
    }

    @AfterAll
    static void stop()
    {
        relay.close();
        api.close();
    }

    @BeforeEach
    void rememberForwarded()
    {
        api.respond("/v0/response/email", 204, "");
        before = api.forwarded().size();
    }

    @Test
    void rawMailIsForwardedAsHeadersAndFirstPlainTextPart()
            throws Exception
    {
        api.respond("/v0/response/email", 204, "", Map.of("X-IRIS-INCIDENT", "Not created (email reply not fresh email)"));

        HttpResponse<String> response = postMail("message/rfc822", REPLY, TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("X-IRIS-INCIDENT")).hasValue("Not created (email reply not fresh email)");
        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/email");
        assertThat(forwarded.contentType()).isEqualTo("application/json");
        JsonNode mail = MAPPER.readTree(forwarded.body());
        assertThat(header(mail, "From")).isEqualTo("Renée <renee@example.com>");
        assertThat(header(mail, "Subject")).isEqualTo("Re: 4242 [db] Disk full");
        assertThat(header(mail, "In-Reply-To")).isEqualTo("<4242@iris.example.com>");
        assertThat(mail.get("body").asText()).startsWith("claim\r\n").doesNotContain("<p>");
    }

    @Test
    void irisJsonMailIsForwarded()
            throws Exception
    {
        String json = "{\"headers\": [{\"name\": \"From\", \"value\": \"bob@example.com\"}, {\"name\": \"Subject\", \"value\": \"Re: 7 page\"}], \"body\": \"claim\"}";

        HttpResponse<String> response = postMail("application/json", json, TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(204);
        FakeIrisApi.Forwarded forwarded = api.awaitForwarded(before + 1, Duration.ofSeconds(5)).get(before);
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree(json));
    }

    @Test
    void mailWithoutTheSecretIsRefused()
    {
        HttpResponse<String> response = Http.post(relay.uri(PATH), "message/rfc822", REPLY);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void mailWithAWrongSecretIsRefused()
    {
        HttpResponse<String> response = postMail("message/rfc822", REPLY, TestingRelay.INBOUND_MAIL_SECRET + "x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TestingRelay.INBOUND_MAIL_SECRET);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void autoRepliesAndBulkMailAreAcknowledgedButNotForwarded()
    {
        for (String header : new String[] {"Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk", "Precedence: junk", "Precedence: list", "X-Autorespond: on vacation"}) {
            HttpResponse<String> response = postMail("message/rfc822", header + "\r\n" + REPLY, TestingRelay.INBOUND_MAIL_SECRET);

            assertThat(response.statusCode()).as(header).isEqualTo(204);
        }
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void mailMarkedAsNotAutomaticIsForwarded()
    {
        HttpResponse<String> response = postMail("message/rfc822", "Auto-Submitted: no\r\n" + REPLY, TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(api.awaitForwarded(before + 1, Duration.ofSeconds(5))).hasSize(before + 1);
    }

    @Test
    void mailTheApiRefusesIsABadRequest()
    {
        api.respond("/v0/response/email", 400, "{\"title\": \"Invalid response\", \"description\": \"Unknown command\"}");

        HttpResponse<String> response = postMail("message/rfc822", REPLY, TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid response").contains("Unknown command");
    }

    @Test
    void malformedJsonIsABadRequest()
    {
        HttpResponse<String> response = postMail("application/json", "{\"headers\": 3}", TestingRelay.INBOUND_MAIL_SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.forwarded()).hasSize(before);
    }

    @Test
    void jsonNullAndOtherNonObjectBodiesAreBadRequests()
            throws Exception
    {
        for (String body : new String[] {"null", "[]", "\"claim\"", "42", "true", "", "{\"headers\": [null], \"body\": \"claim\"}"}) {
            HttpResponse<String> response = postMail("application/json", body, TestingRelay.INBOUND_MAIL_SECRET);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(MAPPER.readTree(response.body()).path("title").asText()).as(body).isEqualTo("Invalid request body");
        }
        assertThat(api.forwarded()).hasSize(before);
    }

    private static HttpResponse<String> postMail(String contentType, String body, String secret)
    {
        return Http.post(relay.uri(PATH), contentType, body, InboundMailResource.SECRET_HEADER, secret);
    }

    private static String header(JsonNode mail, String name)
    {
        for (JsonNode header : mail.get("headers")) {
            if (header.get("name").asText().equalsIgnoreCase(name)) {
                return header.get("value").asText();
            }
        }
        throw new AssertionError("no header " + name + " in " + mail);
    }
}
