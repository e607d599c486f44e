package dev.iris.faults;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.faults.harness.LoadResult;
import dev.iris.faults.harness.Scenario;
import dev.iris.testing.Deadline;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A monitoring system repeating one alert to the generic webhook, authenticated the way such
 * systems are: {@code ?application=&key=} in the URL, no signature.
 */
final class WebhookPosts
{
    private WebhookPosts() {}

    static String path(Scenario scenario, String plan, String dedupKey)
    {
        return "/v0/webhooks/generic?application=" + encode(scenario.tenant().application()) + "&key=" + encode(scenario.tenant().key())
                + "&plan=" + encode(plan) + "&dedup_key=" + encode(dedupKey);
    }

    static LoadResult repeat(Scenario scenario, String plan, String dedupKey, int posts, int threads, Duration pace)
    {
        IrisTestClient client = IrisTestClient.anonymous(scenario.deployment().apiUri());
        String path = path(scenario, plan, dedupKey);
        String body = "{\"alert\": \"disk full on db-1\", \"severity\": \"critical\"}";
        LoadResult result = new LoadResult();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < posts) {
                        try {
                            IrisTestClient.Response response = client.post(path, body);
                            result.answered(response.status(), response.body());
                        }
                        catch (UncheckedIOException e) {
                            result.unreachable(String.valueOf(e.getCause()));
                        }
                        Deadline.after(pace).pause(pace);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("the webhook posts failed: " + result, e);
        }
        finally {
            pool.shutdownNow();
        }
        return result;
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
