package dev.iris.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * A packaged jar running as its own process ({@link PackagedJar#start}), its output in a log
 * file. Closing it stops it: SIGTERM, then a forced kill if it has not ended after 30 seconds.
 */
public final class PackagedProcess
        implements AutoCloseable
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    PackagedProcess(Process process, Path log)
    {
        this.process = requireNonNull(process, "process is null");
        this.log = requireNonNull(log, "log is null");
    }

    /**
     * Waits until {@code uri} answers 200, failing (with the process's log) when the process
     * ends first or {@code timeout} passes.
     */
    public void awaitOk(URI uri, Duration timeout)
    {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended with " + process.exitValue() + " before " + uri + " answered:\n" + log());
            }
            if (status(uri) == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(uri + " did not answer 200 within " + timeout + ":\n" + log());
            }
            // Nothing tells us when the server is up: poll, bounded by the deadline.
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private static int status(URI uri)
    {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the process has written so far.
     */
    public String log()
    {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
