package dev.iris.plugin.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import javax.net.ssl.SSLSocket;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server (SubEthaSMTP) on 127.0.0.1 that offers STARTTLS with the test certificate
 * and refuses AUTH and MAIL until the client has upgraded the connection, like a submission
 * server on port 587. GreenMail, used for the other tests, has no STARTTLS.
 *
 * <p>Records each accepted message with the TLS protocol of the connection it came over, and
 * each login with whether TLS was on at the time.
 */
final class StartTlsSmtpServer
        implements AutoCloseable
{
    /**
     * A message as the server received it.
     *
     * @param tlsProtocol the negotiated protocol (TLSv1.3...), empty when the connection was plain
     */
    record Received(String envelopeFrom, String envelopeTo, Optional<String> tlsProtocol, MimeMessage message) {}

    /**
     * A login attempt.
     */
    record Login(String username, boolean overTls) {}

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Login> logins = new CopyOnWriteArrayList<>();

    StartTlsSmtpServer(String username, String password)
    {
        this.server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .requireTLS()
                .startTlsSocketFactory(TestKeyStore.serverContext())
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, pass, context) -> {
                    logins.add(new Login(user, tlsProtocol(context).isPresent()));
                    if (!user.equals(username) || !pass.equals(password)) {
                        throw new LoginFailedException("bad username or password");
                    }
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> received.add(new Received(from, to, tlsProtocol(context), parse(data))))
                .build();
        server.start();
    }

    int port()
    {
        return server.getPortAllocated();
    }

    List<Received> received()
    {
        return List.copyOf(received);
    }

    List<Login> logins()
    {
        return List.copyOf(logins);
    }

    private static Optional<String> tlsProtocol(MessageContext context)
    {
        Socket socket = ((Session) context).getSocket();
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession().getProtocol()) : Optional.empty();
    }

    private static MimeMessage parse(byte[] data)
    {
        try {
            return new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(data));
        }
        catch (MessagingException e) {
            throw new IllegalStateException("the server received a message it cannot parse", e);
        }
    }

    @Override
    public void close()
    {
        server.stop();
    }
}
