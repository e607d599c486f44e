package dev.iris.common.client;

import com.sun.net.httpserver.HttpServer;
import dev.iris.common.auth.IrisHmac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one signed API client against a bare HTTP server that records what arrives and checks the
 * signature as iris-api does.
 */
final class IrisApiClientTest
{
    private static final String KEY = "client-test-key";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_003L), ZoneOffset.UTC);

    private record Arrived(String method, String pathAndQuery, String body, String authorization, String username, String contentType) {}

    private final List<Arrived> arrived = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String answer = "{\"app_response\": \"Iris incident(7) claimed.\"}";

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            arrived.add(new Arrived(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst(IrisHmac.USERNAME_HEADER),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private URI base(String path)
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void signsWhatItSendsAsTheServerChecksIt()
    {
        IrisApiClient client = IrisApiClient.builder(base("/")).signedAs("app", KEY).clock(CLOCK).build();

        IrisApiResponse response = client.as("alice").post("/v0/incidents?x=1%202", IrisApiClient.JSON, "{\"plan\": \"p\"}");

        Arrived request = arrived.get(0);
        assertThat(request.pathAndQuery()).isEqualTo("/v0/incidents?x=1%202");
        assertThat(request.username()).isEqualTo("alice");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).startsWith("hmac app:");
        String digest = request.authorization().substring("hmac app:".length());
        assertThat(IrisHmac.verify(digest, List.of(KEY), CLOCK.millis() / 1000, "POST", "/v0/incidents?x=1%202", "{\"plan\": \"p\"}", "alice")).isTrue();
        assertThat(IrisHmac.verify(digest, List.of(KEY), CLOCK.millis() / 1000, "POST", "/v0/incidents?x=1%202", "{\"plan\": \"p\"}", null)).isFalse();
        assertThat(response.appResponse()).contains("Iris incident(7) claimed.");
    }

    @Test
    void signsTheRelaysWindowAndThePathAsSentBehindAPrefix()
    {
        IrisApiClient client = IrisApiClient.builder(base("/iris/")).signedAs("iris-relay", KEY).windowSeconds(IrisHmac.RELAY_WINDOW_SECONDS)
                .clock(CLOCK).build();

        client.post("/v0/response/slack", IrisApiClient.JSON, "{}");

        Arrived request = arrived.get(0);
        assertThat(request.pathAndQuery()).isEqualTo("/iris/v0/response/slack");
        long window = CLOCK.millis() / 1000 / IrisHmac.RELAY_WINDOW_SECONDS;
        assertThat(request.authorization()).isEqualTo("hmac iris-relay:" + IrisHmac.digest(KEY, window, "POST", "/iris/v0/response/slack", "{}", null));
    }

    @Test
    void anUnsignedClientSendsNoCredentials()
    {
        IrisApiClient.builder(base("")).build().get("/healthcheck");

        assertThat(arrived.get(0).authorization()).isNull();
        assertThat(arrived.get(0).username()).isNull();
    }

    @Test
    void errorsComeBackAsAnswersWithIrisErrorBody()
    {
        status = 400;
        answer = "{\"title\": \"Invalid response\", \"description\": \"Reply with <id> claim\"}";

        IrisApiResponse response = IrisApiClient.builder(base("")).signedAs("app", KEY).build().get("/v0/incidents/1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorTitle()).contains("Invalid response");
        assertThat(response.errorText()).contains("Reply with <id> claim");
        assertThat(response.appResponse()).isEmpty();
    }

    @Test
    void noAnswerIsUnreachable()
            throws IOException
    {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        IrisApiClient client = IrisApiClient.builder(URI.create("http://127.0.0.1:" + closed)).signedAs("app", KEY).build();

        assertThatThrownBy(() -> client.get("/v0/incidents"))
                .isInstanceOf(IrisApiUnreachableException.class)
                .hasMessage("Cannot reach the Iris API at http://127.0.0.1:" + closed + ": connection refused")
                .satisfies(failure -> assertThat(((IrisApiUnreachableException) failure).timedOut()).isFalse());
    }

    @Test
    void aSlowAnswerTimesOut()
    {
        // The server answers only once the client has given up.
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        server.createContext("/slow", exchange -> {
            try {
                clientGaveUp.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        IrisApiClient client = IrisApiClient.builder(base("")).signedAs("app", KEY).build();

        try {
            assertThatThrownBy(() -> client.send("GET", "/slow", null, "", Duration.ofMillis(200)))
                    .isInstanceOf(IrisApiUnreachableException.class)
                    .satisfies(failure -> assertThat(((IrisApiUnreachableException) failure).timedOut()).isTrue());
        }
        finally {
            clientGaveUp.countDown();
        }
    }

    @Test
    void queryHelpersEncodeValues()
    {
        assertThat(IrisApiClient.withQuery("/v0/incidents", Map.of("plan", "a b&c"))).isEqualTo("/v0/incidents?plan=a+b%26c");
        assertThat(IrisApiClient.segment("team one/two")).isEqualTo("team%20one%2Ftwo");
    }
}
