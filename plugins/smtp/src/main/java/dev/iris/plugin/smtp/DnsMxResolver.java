package dev.iris.plugin.smtp;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Asks DNS for MX records with the JDK's JNDI DNS provider ({@code com.sun.jndi.dns}), which uses
 * the machine's resolvers (/etc/resolv.conf). Thread-safe: each lookup uses its own context.
 */
final class DnsMxResolver
        implements MxResolver
{
    private final Duration timeout;
    private final Optional<String> server;

    /**
     * Asks the machine's resolvers.
     *
     * @param timeout roughly the longest a lookup may take
     */
    DnsMxResolver(Duration timeout)
    {
        this(timeout, Optional.empty());
    }

    /**
     * @param server the DNS server to ask instead, as a JNDI URL ({@code dns://10.0.0.2:53})
     */
    DnsMxResolver(Duration timeout, Optional<String> server)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.server = requireNonNull(server, "server is null");
    }

    @Override
    public List<MxRecord> resolve(String domain)
            throws IOException
    {
        DirContext context = null;
        try {
            context = new InitialDirContext(environment());
            Attribute mx = context.getAttributes(domain, new String[] {"MX"}).get("MX");
            List<MxRecord> records = new ArrayList<>();
            if (mx != null) {
                NamingEnumeration<?> values = mx.getAll();
                while (values.hasMore()) {
                    records.add(parse(domain, values.next()));
                }
            }
            return records;
        }
        catch (NameNotFoundException e) {
            throw new UnknownHostException(domain + " (no such domain in DNS)");
        }
        catch (NamingException e) {
            throw new IOException("DNS lookup of the MX records of " + domain + " failed: " + e.getMessage(), e);
        }
        finally {
            closeQuietly(context);
        }
    }

    private static MxRecord parse(String domain, Object value)
            throws IOException
    {
        try {
            return MxRecord.parse(String.valueOf(value));
        }
        catch (IllegalArgumentException e) {
            throw new IOException("DNS gave " + domain + " a malformed MX record: " + e.getMessage(), e);
        }
    }

    private Hashtable<String, String> environment()
    {
        // JNDI's DNS provider waits timeout.initial, then twice that for each retry, per server.
        long initialMillis = Math.max(500, timeout.toMillis() / 4);
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        environment.put("com.sun.jndi.dns.timeout.initial", String.valueOf(initialMillis));
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        server.ifPresent(url -> environment.put(Context.PROVIDER_URL, url));
        return environment;
    }

    private static void closeQuietly(DirContext context)
    {
        if (context != null) {
            try {
                context.close();
            }
            catch (NamingException ignored) {
                // Nothing is held open between lookups.
            }
        }
    }
}
