package dev.iris.api.metrics;

import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

final class PrometheusEndpointTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void adminPortServesDropwizardMetricsInPrometheusFormat()
            throws Exception
    {
        // One API request, so request metrics exist.
        assertThat(api.anonymous().get("/healthcheck").status()).isEqualTo(200);

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.adminUri() + "/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .containsPattern("(?m)^jvm_threads_current \\d+")
                .containsPattern("(?m)^io_dropwizard_jetty_MutableServletContextHandler_get_requests_count [1-9]");
    }
}
