package dev.iris.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * A generic HTTP receiver for outgoing webhooks: answers 204 to everything and records each
 * request; {@link #enqueueHttpStatus} and {@link #enqueueDelay} script single failures, and
 * {@link #failRandomly} makes a deterministic share of requests fail (500) or hang past the
 * caller's timeout, for fault tests. Thread-safe.
 *
 * <p>Every request is also recorded as a {@link Delivery}: when it arrived, what this receiver
 * answered, and the {@code message_id}/{@code incident_id} of an Iris webhook vendor body. With
 * {@link #verifySignatures} set, a request whose {@code X-Iris-Signature} does not match the body
 * is answered 401 and recorded as unsigned, so a test can tell a forged or broken signature from a
 * delivery.
 */
public final class FakeWebhookReceiver
        implements AutoCloseable
{
    static final String TIMESTAMP_HEADER = "X-Iris-Timestamp";
    static final String SIGNATURE_HEADER = "X-Iris-Signature";
    // The vendor documents that receivers should refuse stale timestamps "after a few minutes".
    private static final Duration SIGNATURE_MAX_AGE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final FakeHttpServer server;
    private volatile RandomFaults faults;
    private volatile String signingSecret;
    private volatile Duration latency = Duration.ZERO;

    /**
     * One request as this receiver saw it.
     *
     * @param messageId the body's {@code message_id}, or null if the body is not an Iris webhook
     * @param incidentId the body's {@code incident_id}, or null
     * @param status what this receiver answered (for a hang: what it answered after the hang)
     * @param hung whether the answer was held back past the configured hang time
     * @param signed whether the signature was checked and valid (true when no secret is set)
     */
    public record Delivery(Instant arrived, String path, Long messageId, Long incidentId, int status, boolean hung, boolean signed)
    {
        /**
         * The caller got a 2xx answer in time: the vendor counts this as delivered.
         */
        public boolean accepted()
        {
            return status >= 200 && status < 300 && !hung && signed;
        }
    }

    private FakeWebhookReceiver()
    {
        this.server = new FakeHttpServer("fake-webhook", this::answer);
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
     * Every request so far, in arrival order.
     */
    public List<Delivery> deliveries()
    {
        return List.copyOf(deliveries);
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

    /**
     * From now on, requests not scripted otherwise fail at random: a share {@code failShare}
     * answered 500 at once, a share {@code hangShare} held for {@code hang} (longer than the
     * caller's timeout) and then answered 504. The draws come from a generator seeded with
     * {@code seed}, so the sequence of outcomes is the same on every run.
     */
    public void failRandomly(double failShare, double hangShare, Duration hang, long seed)
    {
        if (failShare < 0 || hangShare < 0 || failShare + hangShare > 1) {
            throw new IllegalArgumentException("shares must be between 0 and 1 together: " + failShare + ", " + hangShare);
        }
        faults = new RandomFaults(failShare, hangShare, requireNonNull(hang, "hang is null"), new Random(seed));
    }

    /**
     * Answers every request that does not fail only after {@code latency}, as a real vendor takes
     * its time: sends are then in flight at any moment of a busy run.
     */
    public void answerAfter(Duration latency)
    {
        this.latency = requireNonNull(latency, "latency is null");
    }

    /**
     * Stops failing at random.
     */
    public void stopFailing()
    {
        faults = null;
    }

    /**
     * Checks every request's {@code X-Iris-Signature} (HMAC-SHA256 over {@code timestamp + "." +
     * body}, as the webhook vendor signs) with {@code secret}, answering 401 to a wrong one.
     */
    public void verifySignatures(String secret)
    {
        signingSecret = requireNonNull(secret, "secret is null");
    }

    private Reply answer(RecordedRequest request)
    {
        Instant arrived = Instant.now();
        Reply reply = decide(request);
        boolean signed = reply.status() != 401 || signingSecret == null;
        JsonNode body = parse(request.body());
        deliveries.add(new Delivery(arrived, request.path(), longField(body, "message_id"), longField(body, "incident_id"),
                reply.status(), !reply.delay().isZero() && reply.status() == 504, signed));
        return reply;
    }

    private Reply decide(RecordedRequest request)
    {
        String secret = signingSecret;
        if (secret != null && !signatureValid(secret, request)) {
            return new Reply(401, "text/plain", "bad signature", Map.of(), Duration.ZERO);
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        RandomFaults current = faults;
        if (current != null) {
            double draw = current.draw();
            if (draw < current.failShare()) {
                return new Reply(500, "text/plain", "injected failure", Map.of(), Duration.ZERO);
            }
            if (draw < current.failShare() + current.hangShare()) {
                return new Reply(504, "text/plain", "injected hang", Map.of(), current.hang());
            }
        }
        return new Reply(204, null, "", Map.of(), latency);
    }

    static boolean signatureValid(String secret, RecordedRequest request)
    {
        Optional<String> timestamp = request.header(TIMESTAMP_HEADER);
        Optional<String> signature = request.header(SIGNATURE_HEADER);
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get().trim());
        }
        catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > SIGNATURE_MAX_AGE.toSeconds()) {
            return false;
        }
        String expected = signature(secret, seconds, request.body());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}.
     */
    static String signature(String secret, long timestamp, String body)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static JsonNode parse(String body)
    {
        if (body.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            return null;
        }
    }

    private static Long longField(JsonNode body, String name)
    {
        if (body == null || !body.path(name).canConvertToLong()) {
            return null;
        }
        return body.path(name).asLong();
    }

    @Override
    public void close()
    {
        server.close();
    }

    /**
     * The random failure settings and their generator; draws are serialized so the sequence is
     * reproducible.
     */
    private record RandomFaults(double failShare, double hangShare, Duration hang, Random random)
    {
        double draw()
        {
            synchronized (random) {
                return random.nextDouble();
            }
        }
    }
}
