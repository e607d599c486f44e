package dev.iris.api;

import dev.iris.testing.PackagedJar;
import dev.iris.testing.PackagedProcess;
import dev.iris.testing.config.ExampleConfigs;
import dev.iris.testing.db.EmbeddedMariaDb;
import dev.iris.testing.db.TestingMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
{
    /** README, "Processes". */
    private static final double MAX_MEGABYTES = 60;

    private final PackagedJar jar = PackagedJar.fromSystemProperty("iris.packagedJar");

    @TempDir
    Path directory;

    @Test
    void localLoginsBcryptIsPackaged()
    {
        // POST /login with local accounts verifies the password with bcrypt.
        assertThat(jar.containsClass("at.favre.lib.crypto.bcrypt.BCrypt")).isTrue();
    }

    @Test
    void everyClassIrisCodeRefersToIsPackaged()
    {
        assertThat(jar.unresolvedReferences("dev/iris/")).isEmpty();
    }

    @Test
    void everyServiceLoaderRegistrationNamesAPackagedClass()
    {
        assertThat(jar.missingServiceImplementations()).isEmpty();
    }

    @Test
    void staysWithinItsSize()
    {
        assertThat(jar.sizeInMegabytes()).isLessThanOrEqualTo(MAX_MEGABYTES);
    }

    @Test
    void carriesNothingOfDevelopmentOrTests()
    {
        assertThat(jar.entriesUnder(
                "ch/vorburger/",
                "dev/iris/testing/",
                "dev/iris/dev/",
                "dev/iris/plugin/devinbox/",
                "org/junit/",
                "com/sun/jna/",
                "com/google/protobuf/",
                "META-INF/maven/")).isEmpty();
    }

    @Test
    void checksTheProductionConfig()
    {
        PackagedJar.Run check = jar.run(Duration.ofMinutes(2), directory, Map.of(), "check", ExampleConfigs.production("iris-api").toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("Configuration is OK");
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
