package dev.iris.faults.bench;

import dev.iris.common.auth.IrisHmac;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Signed {@code POST /v0/incidents} as a monitoring system sends them: either a fixed number of
 * clients each sending its next trigger when the last one was answered, or a fixed rate. Each run
 * is bounded in time; a trigger that is not answered 201 is counted, not retried.
 *
 * <p>Each client is one thread with one kept-alive HTTP/1.1 connection, writing the request and
 * reading the answer with blocking socket calls. The JDK's asynchronous HTTP client it replaced
 * cost about 4.7 ms of CPU per trigger on this machine (more than the api process spent serving
 * it), and the load generator shares the two cores with what it measures.
 *
 * <p>At a fixed rate the clock of a trigger starts when it was due, not when a connection became
 * free to send it, so a slow answer delays the measurement of the triggers behind it instead of
 * hiding them (coordinated omission). At most {@link #MAX_WAITING} triggers wait for a
 * connection; beyond that they are counted as not sent.
 */
final class LoadGenerator
        implements AutoCloseable
{
    private static final int MAX_WAITING = 2000;
    private static final int RATE_CONNECTIONS = 64;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long STACK_BYTES = 256 * 1024;

    private final InetSocketAddress address;
    private final String host;
    private final String application;
    private final String key;
    private final String plan;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger threadNumber = new AtomicInteger();

    LoadGenerator(URI api, String application, String key, String plan)
    {
        this.address = new InetSocketAddress(api.getHost(), api.getPort());
        this.host = api.getHost() + ":" + api.getPort();
        this.application = requireNonNull(application, "application is null");
        this.key = requireNonNull(key, "key is null");
        this.plan = requireNonNull(plan, "plan is null");
    }

    /**
     * What one run produced: for each created incident the {@link System#nanoTime()} its clock
     * started, and each answer's latency.
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
            return created() + " created" + (failures.isEmpty() ? "" : ", failures " + failures) + (skipped.get() == 0 ? "" : ", " + skipped + " not sent (waiting bound)");
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
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(start(() -> {
                try (Client client = new Client()) {
                    while (System.nanoTime() - end < 0 && budget.getAndDecrement() > 0) {
                        client.trigger(run, System.nanoTime());
                    }
                }
            }));
        }
        joinAll(threads, duration.plus(REQUEST_TIMEOUT));
        run.endNanos = System.nanoTime();
        return run;
    }

    /**
     * {@code perSecond} triggers a second for {@code duration}, each due on a 10 ms tick whatever
     * the answers and sent on the first of {@link #RATE_CONNECTIONS} connections that is free;
     * then waits for the answers still out.
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
        BlockingQueue<Long> due = new ArrayBlockingQueue<>(MAX_WAITING);
        AtomicLong issued = new AtomicLong();
        AtomicInteger ticking = new AtomicInteger(1);
        long total = perSecond * duration.toSeconds();
        List<Thread> threads = new ArrayList<>();
        run.startNanos = System.nanoTime();
        for (int i = 0; i < RATE_CONNECTIONS; i++) {
            threads.add(start(() -> {
                try (Client client = new Client()) {
                    while (true) {
                        Long dueAt = poll(due);
                        if (dueAt != null) {
                            client.trigger(run, dueAt);
                        }
                        else if (ticking.get() == 0) {
                            return;
                        }
                    }
                }
            }));
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long owed = Math.min(total, (now - run.startNanos) * perSecond / 1_000_000_000L);
                while (issued.get() < owed) {
                    long number = issued.incrementAndGet();
                    long dueAt = run.startNanos + number * 1_000_000_000L / perSecond;
                    if (!due.offer(dueAt)) {
                        run.skipped.incrementAndGet();
                    }
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            ticker.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        finally {
            ticker.shutdownNow();
            ticking.set(0);
        }
        joinAll(threads, REQUEST_TIMEOUT.plusSeconds(MAX_WAITING / Math.max(1, perSecond)));
        run.endNanos = System.nanoTime();
        return run;
    }

    private static Long poll(BlockingQueue<Long> due)
    {
        try {
            return due.poll(20, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Thread start(Runnable body)
    {
        Thread thread = new Thread(null, body, "load-generator-" + threadNumber.incrementAndGet(), STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinAll(List<Thread> threads, Duration limit)
    {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.forEach(Thread::interrupt);
    }

    @Override
    public void close()
    {
        // Nothing to release: every run ends its own threads and connections.
    }

    /**
     * One kept-alive connection to the API; reconnects after an error or a {@code Connection:
     * close}.
     */
    private final class Client
            implements AutoCloseable
    {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        void trigger(Run run, long clockStart)
        {
            String body = "{\"plan\": \"" + plan + "\", \"context\": {\"title\": \"bench incident\", \"n\": " + sequence.incrementAndGet() + "}}";
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            String authorization = IrisHmac.authorization(application, key, Clock.systemUTC(), "POST", "/v0/incidents", body, null);
            String head = "POST /v0/incidents HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nAuthorization: " + authorization
                    + "\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n";
            try {
                connect();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(bodyBytes);
                out.flush();
                Answer answer = readAnswer();
                long answered = System.nanoTime();
                if (answer.status() != 201) {
                    run.failed("HTTP " + answer.status());
                }
                else {
                    run.sentAt.put(Long.parseLong(answer.body().trim()), clockStart);
                    run.answerNanos.add(answered - clockStart);
                }
                if (answer.closing()) {
                    close();
                }
            }
            catch (IOException | RuntimeException e) {
                run.failed(e.getClass().getSimpleName());
                close();
            }
        }

        private void connect()
                throws IOException
        {
            if (socket != null) {
                return;
            }
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            socket.connect(address, 5000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        }

        private Answer readAnswer()
                throws IOException
        {
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer");
            }
            int status = Integer.parseInt(parts[1]);
            int length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closing = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                body = readChunked();
            }
            else if (length >= 0) {
                body = in.readNBytes(length);
            }
            else {
                body = in.readAllBytes();
                closing = true;
            }
            return new Answer(status, new String(body, StandardCharsets.UTF_8), closing);
        }

        private byte[] readChunked()
                throws IOException
        {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers: none expected, skipped
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine();
            }
        }

        private String readLine()
                throws IOException
        {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int next = in.read();
                if (next < 0) {
                    throw new EOFException("connection closed by the API");
                }
                if (next == '\n') {
                    int last = line.length() - 1;
                    if (last >= 0 && line.charAt(last) == '\r') {
                        line.setLength(last);
                    }
                    return line.toString();
                }
                line.append((char) next);
            }
        }

        @Override
        public void close()
        {
            if (socket != null) {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // closing a connection we no longer use
                }
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    private record Answer(int status, String body, boolean closing) {}
}
