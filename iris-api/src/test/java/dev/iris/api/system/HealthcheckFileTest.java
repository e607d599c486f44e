package dev.iris.api.system;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Iris's {@code healthcheck_path}: {@code GET /healthcheck} answers the file's first line, so an
 * operator takes a node out of the load balancer by editing or removing the file.
 */
final class HealthcheckFileTest
{
    @Test
    void answersTheFirstLineOfTheFileAnd404WithoutIt(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("status");
        Files.writeString(file, "GOOD\nanything else\n");
        try (TestingIrisApi api = TestingIrisApi.start(ConfigOverride.config("healthcheckPath", file.toString()))) {
            IrisTestClient.Response good = api.anonymous().get("/healthcheck");
            assertThat(good.status()).isEqualTo(200);
            assertThat(good.header("Content-Type")).startsWith("text/plain");
            assertThat(good.body()).isEqualTo("GOOD");

            Files.writeString(file, "  BAD  \n");
            IrisTestClient.Response draining = api.anonymous().get("/healthcheck");
            assertThat(draining.status()).isEqualTo(200);
            assertThat(draining.body()).isEqualTo("BAD");

            Files.delete(file);
            IrisTestClient.Response missing = api.anonymous().get("/healthcheck");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).isEmpty();
        }
    }
}
