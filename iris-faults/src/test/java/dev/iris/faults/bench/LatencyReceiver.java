package dev.iris.faults.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendor's far end for the benchmark: a loopback HTTP server that notes when each webhook
 * request arrives (by the body's {@code incident_id}, on this JVM's {@link System#nanoTime()}
 * clock, the clock the load generator starts on) and answers 204 after a configurable latency.
 * The latency is served by a scheduler, not by a sleeping thread per request, so 300 ms at
 * 1,000 requests a second costs no more threads than 0 ms.
 */
final class LatencyReceiver
        implements AutoCloseable
{
    private static final Pattern INCIDENT_ID = Pattern.compile("\"incident_id\":(\\d+)");

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("receiver-"));
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2, daemon("receiver-delay-"));
    private final Map<Long, Long> firstArrival = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile Duration latency = Duration.ZERO;

    private LatencyReceiver()
    {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the receiver", e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static LatencyReceiver start()
    {
        return new LatencyReceiver();
    }

    String url(String path)
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void latency(Duration latency)
    {
        this.latency = latency;
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        long now = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long count = requests.incrementAndGet();
        if (count == 1) {
            firstNanos = now;
        }
        lastNanos = now;
        Matcher matcher = INCIDENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
        if (matcher.find()) {
            firstArrival.putIfAbsent(Long.parseLong(matcher.group(1)), now);
        }
        Duration delay = latency;
        if (delay.isZero()) {
            answer(exchange);
        }
        else {
            answers.schedule(() -> answer(exchange), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void answer(HttpExchange exchange)
    {
        try {
            exchange.sendResponseHeaders(204, -1);
        }
        catch (IOException e) {
            // The sender gave up on this request (its timeout); it retries the message.
        }
        finally {
            exchange.close();
        }
    }

    /**
     * When the first request about each incident arrived ({@link System#nanoTime()}).
     */
    Map<Long, Long> arrivals()
    {
        return firstArrival;
    }

    long requests()
    {
        return requests.get();
    }

    /**
     * Forgets every request so far.
     */
    void reset()
    {
        firstArrival.clear();
        requests.set(0);
    }

    long firstNanos()
    {
        return firstNanos;
    }

    long lastNanos()
    {
        return lastNanos;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix)
    {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close()
    {
        server.stop(0);
        answers.shutdownNow();
        handlers.shutdownNow();
    }
}
