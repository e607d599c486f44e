package dev.iris.testing.fakes;

import dev.iris.testing.fakes.FakeHttpServer.Reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A generic HTTP receiver for outgoing webhooks: answers 204 to everything and records each
 * request; {@link #enqueueHttpStatus} and {@link #enqueueDelay} script failures. Thread-safe.
 */
public final class FakeWebhookReceiver
        implements AutoCloseable
{
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final FakeHttpServer server;

    private FakeWebhookReceiver()
    {
        this.server = new FakeHttpServer("fake-webhook", request -> {
            Reply reply = scripted.poll();
            return reply == null ? new Reply(204, null, "", Map.of(), Duration.ZERO) : reply;
        });
    }

    public static FakeWebhookReceiver start()
    {
        return new FakeWebhookReceiver();
    }

    /**
     * A URL on this receiver, for a path starting with {@code /}.
     */
    public String url(String path)
    {
        return server.baseUrl() + path;
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Answers the next request with {@code status} and these headers (such as Retry-After).
     */
    public void enqueueHttpStatus(int status, Map<String, String> headers)
    {
        scripted.add(new Reply(status, "text/plain", "scripted", Map.copyOf(headers), Duration.ZERO));
    }

    /**
     * Answers the next request with 204 only after {@code delay}.
     */
    public void enqueueDelay(Duration delay)
    {
        scripted.add(new Reply(204, null, "", Map.of(), delay));
    }

    @Override
    public void close()
    {
        server.close();
    }
}
