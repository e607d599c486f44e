package dev.iris.api;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.api.ui.UiHttp;
import dev.iris.testing.LogCapture;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the log files of a running iris-api, written by the layouts an operator
 * configures (issue 11, items 5 and 7): application keys in query strings are hidden in the
 * request log, in thread names and in messages; text from a request cannot forge a log line.
 */
final class LogSafetyTest
{
    private static final String KEY = "s3cret-app-key";
    private static final String WRONG_KEY = "wr0ng-s3cret-guess";

    @TempDir
    static Path logs;

    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.startWithConfig("iris-api-file-logs-test.yaml",
                ConfigOverride.config("logging.appenders[0].currentLogFilename", () -> logs.resolve("iris-api.log").toString()),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", () -> logs.resolve("requests.log").toString()));
        api.seed(seed -> {
            long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
            long app = seed.application("app", KEY, false, List.of("title"));
            seed.template("page", owner, app, List.of("email"), "alert", "alert");
            seed.plan("plan-a", owner, "", List.of(Notification.of(1, "user", owner, "high", "page", 1, 300)), 0, 0, 0, 0);
        });
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void applicationKeysInQueryStringsNeverReachTheLogs()
    {
        List<String> threads;
        try (LogCapture capture = LogCapture.captureAll()) {
            assertThat(api.anonymous().post("/v0/webhooks/generic?application=app&key=" + KEY + "&plan=plan-a", "{\"alert\": \"disk full\"}").status()).isEqualTo(201);
            // A wrong key is logged (as a warning, on the request's thread).
            assertThat(api.anonymous().post("/v0/webhooks/generic?application=app&key=" + WRONG_KEY + "&plan=plan-a", "{}").status()).isEqualTo(401);
            threads = capture.threadNames();
            assertThat(capture.text()).contains("Invalid key presented for application app");
        }
        // Text that carries a URL, as a library's message might.
        LoggerFactory.getLogger("dev.iris.test").warn("Calling http://iris.example.com/v0/heartbeats/nightly?application=app&key={}", KEY);

        // The thread was named after the request, with the key hidden.
        assertThat(threads).anySatisfy(name -> assertThat(name).contains("POST /v0/webhooks/generic?application=app&key=***&plan=plan-a"));
        assertThat(String.join("\n", threads)).doesNotContain(KEY).doesNotContain(WRONG_KEY);

        String requests = await("requests.log", "key=" + "***" + "&plan=plan-a HTTP/1.1\" 401");
        assertThat(requests).contains("\"POST /v0/webhooks/generic?application=app&key=***&plan=plan-a HTTP/1.1\" 201");
        assertThat(requests).doesNotContain(KEY).doesNotContain(WRONG_KEY);

        String application = await("iris-api.log", "Calling http://iris.example.com");
        assertThat(application).contains("Invalid key presented for application app", "key=***");
        assertThat(application).doesNotContain(KEY).doesNotContain(WRONG_KEY);
    }

    @Test
    void textFromARequestCannotForgeALogLine()
    {
        String forged = "FORGED [2026-01-01 00:00:00,000] dev.iris.api.ui.LoginService: UI login for admin";
        UiHttp http = new UiHttp(api.baseUri());
        String token = UiHttp.csrfToken(http.get("/login").body());
        // LoginService logs the name of a failed login.
        assertThat(http.postForm("/login", Map.of("username", "mallory\r\n" + forged + "\u2028x", "password", "guess", "csrf", token)).statusCode())
                .isEqualTo(401);

        String application = await("iris-api.log", "Failed UI login for mallory");
        assertThat(application).contains("Failed UI login for mallory\\r\\n" + forged + "\\u2028x");
        assertThat(application.lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    /**
     * The log file's text once it contains {@code expected} (appenders write asynchronously).
     */
    private static String await(String file, String expected)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = read(logs.resolve(file));
            if (text.contains(expected)) {
                return text;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(file + " never contained " + expected + ":\n" + text);
    }

    private static String read(Path file)
    {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
