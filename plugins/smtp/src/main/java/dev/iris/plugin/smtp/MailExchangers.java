package dev.iris.plugin.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The mail exchangers of an {@code smtp_gateway} domain, lowest MX preference first (records of
 * equal preference keep DNS's order). The answer is kept for {@code cacheTtl} and then looked up
 * again; when that lookup fails the previous answer is kept, since a page should not wait for DNS
 * to come back. A domain without MX records is its own mail exchanger (RFC 5321, 5.1).
 *
 * <p>Thread-safe.
 */
final class MailExchangers
        implements SmtpHosts
{
    private static final Logger log = LoggerFactory.getLogger(MailExchangers.class);

    private final String domain;
    private final MxResolver resolver;
    private final Clock clock;
    private final Duration cacheTtl;

    private List<String> hosts;
    private Instant resolvedAt;

    MailExchangers(String domain, MxResolver resolver, Clock clock, Duration cacheTtl)
    {
        this.domain = requireNonNull(domain, "domain is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.cacheTtl = requireNonNull(cacheTtl, "cacheTtl is null");
    }

    @Override
    public synchronized List<String> inOrder()
            throws IOException
    {
        Instant now = clock.instant();
        if (hosts != null && now.isBefore(resolvedAt.plus(cacheTtl))) {
            return hosts;
        }
        List<String> fresh;
        try {
            fresh = lookUp();
        }
        catch (IOException e) {
            if (hosts == null) {
                throw e;
            }
            log.warn("Cannot refresh the mail exchangers of {} ({}); still using {}", domain, e.getMessage(), hosts);
            return hosts;
        }
        if (!fresh.equals(hosts)) {
            log.info("Mail exchangers of {}: {}", domain, fresh);
        }
        hosts = fresh;
        resolvedAt = now;
        return hosts;
    }

    private List<String> lookUp()
            throws IOException
    {
        List<MxRecord> records = resolver.resolve(domain);
        if (records.isEmpty()) {
            return List.of(domain);
        }
        List<String> ordered = records.stream()
                .filter(record -> !record.isNull())
                .sorted(Comparator.comparingInt(MxRecord::preference))
                .map(MxRecord::host)
                .distinct()
                .toList();
        if (ordered.isEmpty()) {
            throw new UnknownHostException(domain + " (its null MX record says it takes no mail)");
        }
        return ordered;
    }

    @Override
    public boolean failsOver()
    {
        return true;
    }

    @Override
    public String describe()
    {
        return "the mail exchangers of " + domain;
    }
}
