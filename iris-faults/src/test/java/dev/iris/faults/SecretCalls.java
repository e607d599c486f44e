package dev.iris.faults;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.faults.harness.Scenario;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls that carry secrets in places a log might copy them from: an alert webhook and a
 * heartbeat authenticated by {@code ?key=} in the URL, and an inbound mail the relay forwards to
 * the API signed with its relay key (the mail endpoint's own secret travels in a header).
 */
final class SecretCalls
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SecretCalls() {}

    record Answers(int webhook, int heartbeat, int relay) {}

    static Answers exercise(Scenario scenario, String plan)
    {
        IrisTestClient anonymous = IrisTestClient.anonymous(scenario.deployment().apiUri());
        int webhook = anonymous.post(WebhookPosts.path(scenario, plan, "secret-scan"), "{\"alert\": \"scan\"}").status();
        IrisTestClient.Response registered = scenario.tenant().client().post("/v0/heartbeats",
                java.util.Map.of("name", "nightly-backup", "interval_seconds", 3600, "plan", plan));
        if (registered.status() != 201) {
            throw new IllegalStateException("POST /v0/heartbeats answered " + registered);
        }
        int heartbeat = anonymous.post("/v0/heartbeats/" + encode(scenario.tenant().application()) + "/nightly-backup?key="
                + encode(scenario.tenant().key()), "").status();
        String mail = "{\"headers\": [{\"name\": \"From\", \"value\": \"nobody@example.com\"}, {\"name\": \"Subject\", \"value\": \"Re: page\"}],"
                + " \"body\": \"claim\"}";
        int relay = post(scenario.deployment().relayUri() + "/api/v0/email/relay", mail, scenario.deployment().inboundMailSecret());
        return new Answers(webhook, heartbeat, relay);
    }

    private static int post(String url, String json, String mailSecret)
    {
        try {
            return HTTP.send(HttpRequest.newBuilder(java.net.URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Iris-Inbound-Mail-Secret", mailSecret)
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException e) {
            throw new IllegalStateException("the relay did not answer: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
