package dev.iris.testing.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP plumbing the fake vendor servers share: a JDK {@link HttpServer} on a random loopback
 * port that records every request and hands it to one handler.
 */
final class FakeHttpServer
        implements AutoCloseable
{
    /**
     * What a fake answers.
     */
    record Reply(int status, String contentType, String body, Map<String, String> headers, Duration delay)
    {
        static Reply json(int status, String body)
        {
            return new Reply(status, "application/json; charset=utf-8", body, Map.of(), Duration.ZERO);
        }

        Reply withHeader(String name, String value)
        {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, contentType, body, copy, delay);
        }

        Reply withDelay(Duration newDelay)
        {
            return new Reply(status, contentType, body, headers, newDelay);
        }
    }

    interface Handler
    {
        Reply handle(RecordedRequest request);
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    // Released on close, so a handler that simulates a hung vendor never outlives the server.
    private final CountDownLatch closed = new CountDownLatch(1);

    FakeHttpServer(String threadName, Handler handler)
    {
        requireNonNull(handler, "handler is null");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    private void serve(HttpExchange exchange, Handler handler)
            throws IOException
    {
        try (exchange) {
            RecordedRequest request = record(exchange);
            requests.add(request);
            Reply reply = handler.handle(request);
            if (!reply.delay().isZero()) {
                try {
                    if (closed.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream output = exchange.getResponseBody()) {
                    output.write(body);
                }
            }
        }
        catch (IOException | RuntimeException e) {
            // The client went away (a timeout test); nothing to answer.
        }
    }

    private static RecordedRequest record(HttpExchange exchange)
            throws IOException
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body;
        try (InputStream input = exchange.getRequestBody()) {
            body = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
    }

    String baseUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<RecordedRequest> requests()
    {
        return new ArrayList<>(requests);
    }

    void clearRequests()
    {
        requests.clear();
    }

    @Override
    public void close()
    {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
