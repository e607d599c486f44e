package dev.iris.faults.harness;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.testing.Deadline;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator: signed {@code POST /v0/incidents} as a monitoring system sends them, from a
 * few threads. Like a well-behaved client it retries an answer that says "later" (503, and also
 * 5xx and no answer at all, which it counts) until the incident's own deadline, re-signing each
 * attempt; a 4xx is final. Every answer is counted.
 */
public final class Triggers
{
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(1);

    private Triggers() {}

    /**
     * Triggers {@code count} incidents on {@code plan} from {@code threads} threads, each thread
     * pausing {@code pace} between its incidents, and waits for all of them (bounded by
     * {@code perIncident} each).
     */
    public static LoadResult fire(IrisTestClient client, String plan, int count, int threads, Duration pace, Duration perIncident)
    {
        LoadResult result = new LoadResult();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        triggerOne(client, plan, n, perIncident, result);
                        if (!pace.isZero()) {
                            Deadline.after(pace).pause(pace);
                        }
                    }
                }));
            }
            Duration bound = perIncident.plus(pace).multipliedBy((count / threads) + 2L);
            for (Future<?> worker : workers) {
                worker.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("the load generator failed: " + result, e);
        }
        finally {
            pool.shutdownNow();
        }
        return result;
    }

    private static void triggerOne(IrisTestClient client, String plan, int n, Duration limit, LoadResult result)
    {
        Map<String, Object> body = Map.of("plan", plan, "context", Map.of("title", "fault suite incident", "n", n));
        Deadline deadline = Deadline.after(limit);
        while (true) {
            Duration pause = Duration.ofMillis(250);
            try {
                IrisTestClient.Response response = client.post("/v0/incidents", body);
                result.answered(response.status(), response.body());
                if (response.status() == 201) {
                    result.created(Long.parseLong(response.body().trim()), Instant.now());
                    return;
                }
                if (response.status() < 500) {
                    return;
                }
                pause = retryAfter(response).orElse(pause);
            }
            catch (UncheckedIOException e) {
                result.unreachable(String.valueOf(e.getCause()));
            }
            if (deadline.passed()) {
                result.gaveUp();
                return;
            }
            deadline.pause(pause);
        }
    }

    private static java.util.Optional<Duration> retryAfter(IrisTestClient.Response response)
    {
        String header = response.header("Retry-After");
        if (header == null) {
            return java.util.Optional.empty();
        }
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(header.trim()));
            return java.util.Optional.of(asked.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : asked);
        }
        catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
