package dev.iris.api.status;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public subscribe form answers 429 with Retry-After and a readable page once a client has
 * used its share, and queues no more confirmation emails.
 */
final class SubscriptionRateLimitTest
{
    @Test
    void aClientOverItsLimitIsAskedToWait()
    {
        try (TestingIrisApi api = TestingIrisApi.start(
                ConfigOverride.config("heartbeatCheckSeconds", "0"),
                ConfigOverride.config("status.recordSeconds", "0"),
                ConfigOverride.config("status.subscriptionsPerAddressPerHour", "2"))) {
            api.seed(seed -> seed.application("iris", "iris-key", false, List.of()));
            assertThat(PublicForms.post(api, "/status/subscriptions", "email=a%40example.com").status()).isEqualTo(200);
            assertThat(PublicForms.post(api, "/status/subscriptions", "email=b%40example.com").status()).isEqualTo(200);

            IrisTestClient.Response refused = PublicForms.post(api, "/status/subscriptions", "email=c%40example.com");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(30 * 60));
            assertThat(refused.header("Content-Type")).startsWith("text/html");
            assertThat(refused.body()).contains("Too many subscription requests just now. Please try again in 30 minutes.");
            int subscriptions = api.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM status_subscription").mapTo(Integer.class).one());
            assertThat(subscriptions).isEqualTo(2);
        }
    }
}
