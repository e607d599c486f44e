package dev.iris.plugin.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Open SMTP connections kept for reuse, so a page does not wait for a TCP, TLS and AUTH handshake.
 * A connection is checked (NOOP) before reuse; one that failed during a send is thrown away,
 * since its state is unknown. A new connection goes to the first of the {@link SmtpHosts} that
 * answers, when they fail over.
 */
final class SmtpConnections
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final Session session;
    private final SmtpConfig config;
    private final SmtpHosts hosts;
    private final BlockingQueue<Transport> idle;
    private final AtomicInteger opened = new AtomicInteger();

    SmtpConnections(Session session, SmtpConfig config, SmtpHosts hosts)
    {
        this.session = requireNonNull(session, "session is null");
        this.config = requireNonNull(config, "config is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
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
        Transport fresh = connect();
        opened.incrementAndGet();
        return fresh;
    }

    private Transport connect()
            throws MessagingException
    {
        List<String> candidates;
        try {
            candidates = hosts.inOrder();
        }
        catch (IOException e) {
            throw new MessagingException("Cannot find " + hosts.describe() + ": " + e.getMessage(), e);
        }
        List<String> failures = new ArrayList<>();
        MessagingException last = null;
        for (String host : candidates) {
            Transport transport = session.getTransport("smtp");
            try {
                transport.connect(host, config.port(), config.username().orElse(null), config.password().orElse(null));
                return transport;
            }
            catch (MessagingException e) {
                // Only a host that cannot be talked to is skipped: a refused login or a missing
                // STARTTLS would be the same on the next one.
                Optional<IOException> io = Causes.find(e, IOException.class);
                if (!hosts.failsOver() || io.isEmpty()) {
                    throw e;
                }
                String reason = io.get().getClass().getSimpleName();
                log.warn("Mail exchanger {}:{} did not answer ({})", host, config.port(), reason);
                failures.add(host + " (" + reason + ")");
                last = e;
            }
        }
        throw new NoMailExchangerAnsweredException("none of " + hosts.describe() + " answered on port " + config.port() + ": " + String.join(", ", failures), last);
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
