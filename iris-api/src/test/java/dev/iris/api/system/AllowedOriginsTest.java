package dev.iris.api.system;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Iris's {@code allowed_origins}: a browser page from one of those origins may read the API's
 * answers; other origins get no CORS header.
 */
final class AllowedOriginsTest
{
    @Test
    void listedOriginsAreAllowedOthersAreNot()
    {
        try (TestingIrisApi api = TestingIrisApi.start(ConfigOverride.config("allowedOrigins", "https://oncall.example.com,https://status.example.com"))) {
            IrisTestClient.Response allowed = api.anonymous().withHeader("Origin", "https://status.example.com").get("/v0/plans?limit=1");
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://status.example.com");
            assertThat(allowed.header("Vary")).contains("Origin");

            IrisTestClient.Response other = api.anonymous().withHeader("Origin", "https://evil.example.net").get("/v0/plans?limit=1");
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();

            assertThat(api.anonymous().get("/v0/plans?limit=1").header("Access-Control-Allow-Origin")).isNull();
        }
        try (TestingIrisApi api = TestingIrisApi.start()) {
            // The default, as in Iris: no origin is allowed.
            assertThat(api.anonymous().withHeader("Origin", "https://oncall.example.com").get("/v0/plans?limit=1").header("Access-Control-Allow-Origin"))
                    .isNull();
        }
    }
}
