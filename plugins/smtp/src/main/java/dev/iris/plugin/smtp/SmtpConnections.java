package dev.iris.plugin.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Open SMTP connections kept for reuse, so a page does not wait for a TCP, TLS and AUTH handshake.
 * A connection is checked (NOOP) before reuse; one that failed during a send is thrown away,
 * since its state is unknown.
 */
final class SmtpConnections
        implements AutoCloseable
{
    private final Session session;
    private final SmtpConfig config;
    private final BlockingQueue<Transport> idle;
    private final AtomicInteger opened = new AtomicInteger();

    SmtpConnections(Session session, SmtpConfig config)
    {
        this.session = requireNonNull(session, "session is null");
        this.config = requireNonNull(config, "config is null");
        this.idle = new ArrayBlockingQueue<>(config.maxConnections());
    }

    Transport borrow()
            throws MessagingException
    {
        Transport transport;
        while ((transport = idle.poll()) != null) {
            if (transport.isConnected()) {
                return transport;
            }
            closeQuietly(transport);
        }
        Transport fresh = session.getTransport("smtp");
        if (config.username().isPresent()) {
            fresh.connect(config.host(), config.port(), config.username().get(), config.password().orElseThrow());
        }
        else {
            fresh.connect();
        }
        opened.incrementAndGet();
        return fresh;
    }

    void release(Transport transport)
    {
        if (!idle.offer(transport)) {
            closeQuietly(transport);
        }
    }

    void discard(Transport transport)
    {
        closeQuietly(transport);
    }

    /**
     * How many connections were opened so far.
     */
    int openedCount()
    {
        return opened.get();
    }

    private static void closeQuietly(Transport transport)
    {
        try {
            transport.close();
        }
        catch (MessagingException ignored) {
            // Already broken; nothing to release.
        }
    }

    @Override
    public void close()
    {
        Transport transport;
        while ((transport = idle.poll()) != null) {
            closeQuietly(transport);
        }
    }
}
