package dev.iris.relay.email;

import io.dropwizard.lifecycle.Managed;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Polls an IMAP folder for unread mail and forwards each to the API. A mail is marked read once it
 * is done with (handled, refused or automatic); while the API is unavailable it stays unread and
 * the poll stops, so the next poll tries again. Bodies are fetched with IMAP's PEEK, so reading a
 * mail does not mark it read by itself.
 */
public final class ImapPoller
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    private final ImapConfig config;
    private final EmailForwarder forwarder;
    private final ScheduledExecutorService executor;
    private volatile Optional<String> lastFailure = Optional.empty();

    public ImapPoller(ImapConfig config, EmailForwarder forwarder)
    {
        this.config = requireNonNull(config, "config is null");
        this.forwarder = requireNonNull(forwarder, "forwarder is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imap-poller");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start()
    {
        log.info("Polling IMAP folder {} on {}:{} every {}", config.getFolder(), config.getHost(), config.getPort(), config.getPollInterval());
        executor.scheduleWithFixedDelay(this::pollSafely, 0, config.getPollInterval().toMilliseconds(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        executor.shutdownNow();
        executor.awaitTermination(config.getTimeout().toMilliseconds(), TimeUnit.MILLISECONDS);
    }

    /**
     * Why the last poll failed, or empty when it succeeded.
     */
    public Optional<String> lastFailure()
    {
        return lastFailure;
    }

    private void pollSafely()
    {
        try {
            poll();
            lastFailure = Optional.empty();
        }
        catch (MessagingException | RuntimeException e) {
            // The loop boundary: log, remember for the health check, and try again next time.
            lastFailure = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.warn("IMAP poll of {}:{} failed: {}", config.getHost(), config.getPort(), e.toString());
        }
    }

    /**
     * One poll: forwards the unread mails of the folder, oldest first.
     */
    void poll()
            throws MessagingException
    {
        Session session = Session.getInstance(sessionProperties());
        String protocol = config.getSecurity() == ImapConfig.Security.TLS ? "imaps" : "imap";
        try (Store store = session.getStore(protocol)) {
            store.connect(config.getHost(), config.getPort(), config.getUsername(), config.getPassword());
            Folder folder = store.getFolder(config.getFolder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                int handled = 0;
                for (Message mail : unread) {
                    if (handled >= config.getBatchSize() || Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    if (!forward(mail)) {
                        // The API is unavailable: leave this and later mails unread for the next poll.
                        break;
                    }
                    mail.setFlag(Flags.Flag.SEEN, true);
                    handled++;
                }
            }
            finally {
                folder.close(false);
            }
        }
    }

    /**
     * Whether the mail is done with and may be marked read.
     */
    private boolean forward(Message mail)
            throws MessagingException
    {
        InboundEmail inbound;
        try {
            inbound = MimeMails.toInboundEmail(mail);
        }
        catch (IOException | MessagingException e) {
            // Unreadable mail would fail the same way every poll; drop it from the queue.
            log.warn("Skipping an unreadable mail (number {}): {}", mail.getMessageNumber(), e.toString());
            return true;
        }
        return forwarder.forward(inbound).isFinal();
    }

    private Properties sessionProperties()
    {
        String protocol = config.getSecurity() == ImapConfig.Security.TLS ? "imaps" : "imap";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        String timeout = String.valueOf(config.getTimeout().toMilliseconds());
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "peek", "true");
        if (config.getSecurity() == ImapConfig.Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (config.getSecurity() != ImapConfig.Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
