package dev.iris.relay.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.iris.common.auth.IrisHmac;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Stands in for iris-api's response endpoints: checks the relay's application HMAC as the API
 * does (refusing bad signatures with 401), records every request it accepts, and answers with
 * canned responses per path.
 */
public final class FakeIrisApi
        implements AutoCloseable
{
    public static final String APPLICATION = "iris-relay";

    /**
     * A request the relay forwarded. {@code relayWindow} is true when it was signed on the
     * 30-second window of Iris's relay client.
     */
    public record Forwarded(String method, String pathAndQuery, String contentType, String body, boolean relayWindow) {}

    public record Canned(int status, String body, Map<String, String> headers) {}

    private final String key;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedSignatures = new AtomicInteger();
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private FakeIrisApi(String key)
            throws IOException
    {
        this.key = requireNonNull(key, "key is null");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeIrisApi start(String key)
            throws IOException
    {
        return new FakeIrisApi(key);
    }

    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers requests to {@code path} (without query) with this response from now on.
     */
    public void respond(String path, int status, String body)
    {
        respond(path, status, body, Map.of());
    }

    public void respond(String path, int status, String body, Map<String, String> headers)
    {
        canned.put(path, new Canned(status, body, headers));
    }

    public void respondAppResponse(String path, String appResponse)
    {
        respond(path, 200, "{\"app_response\": \"" + appResponse + "\"}");
    }

    /**
     * Makes requests to {@code path} hang, like an overloaded API, until {@link #stopHanging}
     * or {@link #close}.
     */
    public void hang(String path)
    {
        hanging.put(path, new CountDownLatch(1));
    }

    public void stopHanging(String path)
    {
        CountDownLatch latch = hanging.remove(path);
        if (latch != null) {
            latch.countDown();
        }
    }

    public List<Forwarded> forwarded()
    {
        return List.copyOf(forwarded);
    }

    public int refusedSignatures()
    {
        return refusedSignatures.get();
    }

    /**
     * Waits until at least {@code count} requests were forwarded.
     */
    public List<Forwarded> awaitForwarded(int count, Duration timeout)
    {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (forwarded) {
            while (forwarded.size() < count) {
                long remaining = Duration.between(Instant.now(), deadline).toMillis();
                if (remaining <= 0) {
                    throw new AssertionError("expected " + count + " forwarded requests within " + timeout + " but got " + forwarded);
                }
                try {
                    forwarded.wait(remaining);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        return forwarded();
    }

    @Override
    public void close()
    {
        closed.countDown();
        hanging.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String pathAndQuery = query == null ? path : path + "?" + query;
            if (path.equals("/healthcheck")) {
                send(exchange, new Canned(200, "GOOD", Map.of()));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String prefix = IrisHmac.SCHEME + APPLICATION + ":";
            long nowSeconds = System.currentTimeMillis() / 1000;
            String method = exchange.getRequestMethod();
            if (authorization == null || !authorization.startsWith(prefix)
                    || !IrisHmac.verify(authorization.substring(prefix.length()), List.of(key), nowSeconds, method, pathAndQuery, body, null)) {
                refusedSignatures.incrementAndGet();
                send(exchange, new Canned(401, "{\"title\": \"Authentication failure\", \"description\": \"HMAC failed validation. Check API key/clock skew\"}", Map.of()));
                return;
            }
            String digest = authorization.substring(prefix.length());
            boolean relayWindow = digest.equals(IrisHmac.digest(key, nowSeconds / 30, method, pathAndQuery, body, null))
                    || digest.equals(IrisHmac.digest(key, nowSeconds / 30 - 1, method, pathAndQuery, body, null));
            synchronized (forwarded) {
                forwarded.add(new Forwarded(method, pathAndQuery, exchange.getRequestHeaders().getFirst("Content-Type"), body, relayWindow));
                forwarded.notifyAll();
            }
            CountDownLatch hang = hanging.get(path);
            if (hang != null) {
                Instant deadline = Instant.now().plusSeconds(30);
                while (!hang.await(50, TimeUnit.MILLISECONDS) && closed.getCount() > 0 && Instant.now().isBefore(deadline)) {
                    // hanging, as an overloaded API would
                }
                return;
            }
            send(exchange, canned.getOrDefault(path, defaultAnswer(path)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Canned defaultAnswer(String path)
    {
        if (path.equals("/v0/twilio/deliveryupdate") || path.startsWith("/v0/response/email")) {
            return new Canned(204, "", Map.of());
        }
        return new Canned(200, "{\"app_response\": \"default answer\"}", Map.of());
    }

    private static void send(HttpExchange exchange, Canned answer)
            throws IOException
    {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (answer.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
