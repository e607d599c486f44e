package dev.iris.api;

import dev.iris.testing.PackagedJarContract;
import dev.iris.testing.PackagedProcess;
import dev.iris.testing.config.ExampleConfigs;
import dev.iris.testing.db.EmbeddedMariaDb;
import dev.iris.testing.db.TestingMariaDb;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-api jar, as production runs it: every class Iris's code refers to is in it,
 * nothing of development or tests is, it stays within its size, and it starts with the
 * production config. Runs in the integration-test phase (failsafe), after the jar is built; the
 * unit tests cannot see a library that only the test classpath provides, nor a class that the
 * shade plugin's minimizing left out.
 */
final class PackagedJarIT
        extends PackagedJarContract
{
    /** README, "Processes". */
    @Override
    protected double maxMegabytes()
    {
        return 60;
    }

    @Override
    protected String process()
    {
        return "iris-api";
    }

    @Override
    protected List<String> forbiddenPrefixes()
    {
        return List.of("com/google/protobuf/");
    }

    @Test
    void localLoginsBcryptIsPackaged()
    {
        // POST /login with local accounts verifies the password with bcrypt.
        assertThat(jar.containsClass("at.favre.lib.crypto.bcrypt.BCrypt")).isTrue();
    }

    @Test
    void servesWithTheProductionConfig()
            throws Exception
    {
        TestingMariaDb mariaDb = TestingMariaDb.get();
        String databaseUrl = mariaDb.newDatabaseUrl();
        int port = EmbeddedMariaDb.freePort();
        int adminPort = EmbeddedMariaDb.freePort();
        Map<String, String> environment = Map.of(
                "IRIS_DB_URL", databaseUrl,
                "IRIS_DB_USER", mariaDb.user(),
                "IRIS_DB_PASSWORD", mariaDb.password(),
                "IRIS_API_PORT", Integer.toString(port),
                "IRIS_API_ADMIN_PORT", Integer.toString(adminPort),
                "IRIS_UI_SESSION_SECRET", "0123456789abcdef0123456789abcdef-packaged");
        try (PackagedProcess api = jar.start(directory.resolve("iris-api.log"), environment, "server", ExampleConfigs.production("iris-api").toString())) {
            api.awaitOk(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"), Duration.ofMinutes(2));

            String base = "http://127.0.0.1:" + port;
            assertThat(get(base + "/login").statusCode()).isEqualTo(200);
            assertThat(get(base + "/static/htmx/htmx.min.js").statusCode()).isEqualTo(200);
            assertThat(get(base + "/v0/openapi.yaml").statusCode()).isEqualTo(200);
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v0/incidents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"plan\": \"p\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(unsigned.body()).contains("\"title\":\"Authentication failure\"");
            assertThat(get(base + "/dev/inbox").statusCode()).isEqualTo(404);
            assertThat(get("http://127.0.0.1:" + adminPort + "/prometheus").body()).contains("jvm_memory_used_bytes");
        }
        finally {
            mariaDb.dropDatabase(databaseUrl);
        }
    }

    private static HttpResponse<String> get(String url)
            throws Exception
    {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
