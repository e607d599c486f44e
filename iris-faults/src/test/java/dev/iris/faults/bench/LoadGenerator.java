package dev.iris.faults.bench;

import dev.iris.common.auth.IrisHmac;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Signed {@code POST /v0/incidents} as a monitoring system sends them, on the JDK's asynchronous
 * HTTP client: either a fixed number of clients each sending its next trigger when the last one
 * was answered, or a fixed rate (at most {@link #MAX_IN_FLIGHT} unanswered). Each run is bounded
 * in time; a trigger that is not answered 201 is counted, not retried.
 */
final class LoadGenerator
        implements AutoCloseable
{
    private static final int MAX_IN_FLIGHT = 2000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI incidents;
    private final String application;
    private final String key;
    private final String plan;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "load-generator");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;
    private final AtomicLong sequence = new AtomicLong();

    LoadGenerator(URI api, String application, String key, String plan)
    {
        this.incidents = api.resolve("/v0/incidents");
        this.application = requireNonNull(application, "application is null");
        this.key = requireNonNull(key, "key is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * What one run produced: for each created incident the {@link System#nanoTime()} its request
     * was sent, and each answer's latency.
     */
    static final class Run
    {
        final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        final Queue<Long> answerNanos = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final AtomicInteger skipped = new AtomicInteger();
        volatile long startNanos;
        volatile long endNanos;

        int created()
        {
            return sentAt.size();
        }

        double seconds()
        {
            return (endNanos - startNanos) / 1e9;
        }

        List<Long> sortedAnswerMillis()
        {
            List<Long> millis = new ArrayList<>();
            for (long nanos : answerNanos) {
                millis.add(nanos / 1_000_000);
            }
            millis.sort(null);
            return millis;
        }

        void failed(String why)
        {
            failures.computeIfAbsent(why, ignored -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public String toString()
        {
            return created() + " created" + (failures.isEmpty() ? "" : ", failures " + failures) + (skipped.get() == 0 ? "" : ", " + skipped + " not sent (in-flight bound)");
        }
    }

    /**
     * {@code clients} clients, each sending its next trigger as soon as the last is answered, for
     * {@code duration}.
     */
    Run concurrent(int clients, Duration duration)
    {
        return concurrent(clients, duration, Integer.MAX_VALUE);
    }

    /**
     * As {@link #concurrent(int, Duration)}, stopping after {@code count} triggers were sent.
     */
    Run concurrent(int clients, Duration duration, int count)
    {
        Run run = new Run();
        run.startNanos = System.nanoTime();
        long end = run.startNanos + duration.toNanos();
        AtomicInteger budget = new AtomicInteger(count);
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            chains.add(done);
            next(run, end, budget, done);
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).orTimeout(duration.plus(REQUEST_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> null).join();
        run.endNanos = System.nanoTime();
        return run;
    }

    private void next(Run run, long end, AtomicInteger budget, CompletableFuture<Void> done)
    {
        if (System.nanoTime() - end >= 0 || budget.getAndDecrement() <= 0) {
            done.complete(null);
            return;
        }
        send(run).whenComplete((ignored, error) -> next(run, end, budget, done));
    }

    /**
     * {@code perSecond} triggers a second for {@code duration}, sent on a 10 ms tick whatever the
     * answers; then waits for the answers still out.
     */
    Run rate(int perSecond, Duration duration)
    {
        return rate(perSecond, duration, new Run());
    }

    /**
     * As {@link #rate(int, Duration)}, filling {@code run}, which the caller may watch meanwhile.
     */
    Run rate(int perSecond, Duration duration, Run run)
    {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong issued = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        run.startNanos = System.nanoTime();
        long total = perSecond * duration.toSeconds();
        try {
            ticker.scheduleAtFixedRate(() -> {
                long due = Math.min(total, (System.nanoTime() - run.startNanos) * perSecond / 1_000_000_000L);
                while (issued.get() < due) {
                    issued.incrementAndGet();
                    if (!inFlight.tryAcquire()) {
                        run.skipped.incrementAndGet();
                        continue;
                    }
                    send(run).whenComplete((ignored, error) -> inFlight.release());
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            ticker.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
            ticker.shutdownNow();
            inFlight.tryAcquire(MAX_IN_FLIGHT, REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        finally {
            ticker.shutdownNow();
        }
        run.endNanos = System.nanoTime();
        return run;
    }

    private CompletableFuture<Void> send(Run run)
    {
        String body = "{\"plan\": \"" + plan + "\", \"context\": {\"title\": \"bench incident\", \"n\": " + sequence.incrementAndGet() + "}}";
        String authorization = IrisHmac.authorization(application, key, Clock.systemUTC(), "POST", "/v0/incidents", body, null);
        HttpRequest request = HttpRequest.newBuilder(incidents)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long sent = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long answered = System.nanoTime();
            if (error != null) {
                run.failed(error.getClass().getSimpleName());
            }
            else if (response.statusCode() != 201) {
                run.failed("HTTP " + response.statusCode());
            }
            else {
                run.sentAt.put(Long.parseLong(response.body().trim()), sent);
                run.answerNanos.add(answered - sent);
            }
            return null;
        });
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
