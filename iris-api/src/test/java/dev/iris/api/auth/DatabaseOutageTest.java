package dev.iris.api.auth;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.TcpProxy;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees while the database stalls or is gone (issue 11, item 4): a correctly signed
 * request that waited for the database is still accepted (the HMAC window is checked against
 * the time the request arrived), and a request that cannot reach the database gets 503 with
 * Retry-After and Iris's error body, never 401 (which clients treat as final) nor 500. The API
 * reaches its database through a {@link TcpProxy} the test can cut.
 */
final class DatabaseOutageTest
{
    private static TcpProxy proxy;
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        TcpProxy[] started = new TcpProxy[1];
        api = TestingIrisApi.start(url -> {
            started[0] = TcpProxy.toJdbcUrl(url);
            return started[0].jdbcUrlThroughProxy(url);
        }, ConfigOverride.config("heartbeatCheckSeconds", "0"));
        proxy = started[0];
        api.seed(seed -> {
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            long app = seed.application("app", "app-key", false, List.of("title"));
            seed.template("page", owner, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("plan-a", owner, "", List.of(Notification.of(1, "user", owner, "high", "page", 1, 300)), 0, 0, 0, 0);
        });
    }

    @AfterAll
    static void stop()
    {
        proxy.restore();
        api.close();
        proxy.close();
    }

    @Test
    void signedTriggerThatWaitedOutADatabaseStallIsAccepted()
            throws Exception
    {
        IrisTestClient app = api.client("app", "app-key");
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Handle stall = api.jdbi().open()) {
            // The application lookup of the HMAC check waits behind this table lock for longer
            // than the HMAC windows (5 to 10 s) last.
            stall.execute("LOCK TABLES application WRITE");
            Future<IrisTestClient.Response> trigger;
            try {
                trigger = client.submit(() -> app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", "disk full"))));
                Thread.sleep(Duration.ofSeconds(11).toMillis());
                assertThat(trigger).as("the trigger waits for the database").isNotDone();
            }
            finally {
                stall.execute("UNLOCK TABLES");
            }

            IrisTestClient.Response response = trigger.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        }
        finally {
            client.shutdownNow();
        }
    }

    @Test
    void requestsWhileTheDatabaseIsUnreachableAre503WithRetryAfter()
    {
        proxy.cut();
        try {
            // HMAC-signed: the failure happens inside the authentication filter.
            long started = System.nanoTime();
            assertUnavailable(api.client("app", "app-key").post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", "disk full"))));
            // The pool gives up after database.connectionTimeout (5 s), not after 10 s or more.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
            // Key in the query string: the failure happens in the webhook resource.
            assertUnavailable(api.anonymous().post("/v0/webhooks/generic?application=app&key=app-key&plan=plan-a", "{\"alert\": \"disk full\"}"));
            // A public read.
            assertUnavailable(api.anonymous().get("/v0/plans/plan-a"));
        }
        finally {
            proxy.restore();
        }

        // Once the database is back, the same request goes through (the pool reconnects).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IrisTestClient.Response again = api.anonymous().get("/v0/plans/plan-a");
        while (again.status() == 503 && System.nanoTime() < deadline) {
            again = api.anonymous().get("/v0/plans/plan-a");
        }
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    private static void assertUnavailable(IrisTestClient.Response response)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Retry-After")).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        assertThat(response.json().path("title").asText()).isEqualTo("Service Unavailable");
        assertThat(response.json().path("description").asText()).contains("database");
    }
}
