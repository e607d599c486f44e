package dev.iris.plugin.smtp;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where SMTP connections go: the one configured {@code smtp_server}, or the mail exchangers of an
 * {@code smtp_gateway} domain ({@link MailExchangers}).
 */
interface SmtpHosts
{
    /**
     * The hosts to try, best first; never empty.
     *
     * @throws java.net.UnknownHostException when the gateway domain does not exist or takes no mail
     * @throws IOException when the hosts cannot be found now (DNS down)
     */
    List<String> inOrder()
            throws IOException;

    /**
     * Whether a host that cannot be reached is skipped for the next one, and all of them failing
     * is a transient failure (true for mail exchangers, which DNS may change).
     */
    boolean failsOver();

    /**
     * For messages: the server's name, or "the mail exchangers of example.com".
     */
    String describe();

    static SmtpHosts server(String host)
    {
        requireNonNull(host, "host is null");
        return new SmtpHosts()
        {
            @Override
            public List<String> inOrder()
            {
                return List.of(host);
            }

            @Override
            public boolean failsOver()
            {
                return false;
            }

            @Override
            public String describe()
            {
                return host;
            }
        };
    }
}
