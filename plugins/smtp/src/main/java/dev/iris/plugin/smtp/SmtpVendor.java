package dev.iris.plugin.smtp;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Sends email: a multipart/alternative message with a plain-text part and an HTML part (the
 * message's HTML body, or its text escaped), Iris's {@code X-IRIS-APPLICATION},
 * {@code X-IRIS-PRIORITY}, {@code X-IRIS-PLAN} and {@code X-IRIS-INCIDENT-ID} headers, and a
 * Message-ID naming the Iris message (also the result, so bounces and replies can be matched).
 *
 * <p>From is the message's {@code from} header (an application's own sender address) or the
 * configured {@code from}; Reply-To is the message's {@code reply_to} header or the configured
 * {@code reply_to}.
 */
final class SmtpVendor
        implements Vendor
{
    private static final Logger log = LoggerFactory.getLogger(SmtpVendor.class);

    private final SmtpConfig config;
    private final Session session;
    private final SmtpConnections connections;

    /**
     * @param resolver finds the mail exchangers of {@code smtp_gateway}; unused with {@code smtp_server}
     * @param clock tells when the mail exchangers should be looked up again
     */
    SmtpVendor(SmtpConfig config, MxResolver resolver, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.session = Session.getInstance(config.sessionProperties());
        SmtpHosts hosts = config.gateway()
                .<SmtpHosts>map(domain -> new MailExchangers(domain, resolver, clock, config.mxCacheTtl()))
                .orElseGet(() -> SmtpHosts.server(config.server().orElseThrow()));
        this.connections = new SmtpConnections(session, config, hosts);
    }

    @Override
    public Set<String> supportedModes()
    {
        return Set.of("email");
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        if (!message.mode().equals("email")) {
            throw new VendorException(Category.CONFIGURATION, "The smtp vendor does not deliver mode " + message.mode());
        }
        MimeMessage mime = build(message);
        Transport transport;
        try {
            transport = connections.borrow();
        }
        catch (MessagingException e) {
            throw failure(message, e);
        }
        try {
            transport.sendMessage(mime, mime.getAllRecipients());
            connections.release(transport);
            String messageId = mime.getMessageID();
            log.debug("SMTP server accepted message {} as {}", message.messageId(), messageId);
            return SendResult.accepted(messageId);
        }
        catch (MessagingException e) {
            connections.discard(transport);
            throw failure(message, e);
        }
    }

    private MimeMessage build(OutboundMessage message)
            throws VendorException
    {
        // A multi-recipient email (target_list) lists its To and Bcc addresses in the headers.
        InternetAddress[] to = message.headers().containsKey("to")
                ? addresses(message.headers().get("to"), "to", message)
                : new InternetAddress[] {address(message.destination(), "destination", message)};
        InternetAddress[] bcc = addresses(message.headers().getOrDefault("bcc", ""), "bcc", message);
        InternetAddress from = message.headers().containsKey("from") ? address(message.headers().get("from"), "from address", message) : config.from();
        InternetAddress replyTo = message.headers().containsKey("reply_to")
                ? address(message.headers().get("reply_to"), "reply-to address", message)
                : config.replyTo().orElse(null);
        try {
            MimeMessage mime = new IrisMimeMessage(session, messageId(message, from));
            mime.setFrom(from);
            mime.setRecipients(MimeMessage.RecipientType.TO, to);
            if (bcc.length > 0) {
                mime.setRecipients(MimeMessage.RecipientType.BCC, bcc);
            }
            if (replyTo != null) {
                mime.setReplyTo(new Address[] {replyTo});
            }
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            header(mime, "X-IRIS-APPLICATION", message.application());
            header(mime, "X-IRIS-PRIORITY", message.priority());
            header(mime, "X-IRIS-PLAN", message.plan());
            header(mime, "X-IRIS-INCIDENT-ID", message.incidentId() == null ? null : message.incidentId().toString());

            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.body(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.htmlBodyIfAny().orElseGet(() -> htmlOf(message.body())), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges();
            return mime;
        }
        catch (MessagingException e) {
            throw new VendorException(Category.PERMANENT, "Cannot build the email for message " + message.messageId() + ": " + e.getMessage(), e);
        }
    }

    private static void header(MimeMessage mime, String name, String value)
            throws MessagingException
    {
        if (value != null && !value.isEmpty()) {
            // Header values must stay on one line; a context value could hold a newline.
            mime.setHeader(name, value.replaceAll("[\\r\\n]+", " "));
        }
    }

    private static String messageId(OutboundMessage message, InternetAddress from)
    {
        String address = from.getAddress();
        String domain = address.contains("@") ? address.substring(address.indexOf('@') + 1) : "iris";
        return "<iris." + message.messageId() + "." + UUID.randomUUID() + "@" + domain + ">";
    }

    private static InternetAddress address(String value, String what, OutboundMessage message)
            throws VendorException
    {
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            return address;
        }
        catch (AddressException e) {
            throw new VendorException(Category.PERMANENT, "The " + what + " of message " + message.messageId() + " is not a valid email address: " + value);
        }
    }

    /**
     * A comma-separated address list (empty for none).
     */
    private static InternetAddress[] addresses(String values, String what, OutboundMessage message)
            throws VendorException
    {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String value : values.split(",")) {
            if (!value.isBlank()) {
                addresses.add(address(value, what, message));
            }
        }
        return addresses.toArray(InternetAddress[]::new);
    }

    static String htmlOf(String text)
    {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<html><body><pre style=\"font-family: inherit; white-space: pre-wrap\">" + escaped + "</pre></body></html>";
    }

    /**
     * SMTP replies that mean "not like this": authentication required (RFC 4954, also "issue
     * STARTTLS first" in RFC 3207), mechanism too weak, encryption required for the mechanism.
     */
    private static final Set<Integer> NEEDS_AUTH_OR_TLS = Set.of(530, 534, 538);

    /**
     * Maps a Jakarta Mail failure to a category: 4xx replies, timeouts and connection failures
     * are transient, a rejected recipient is permanent, a rejected login or sender, a server
     * that wants authentication or TLS first, and a failed TLS handshake (an untrusted
     * certificate) are the instance's configuration.
     */
    static VendorException failure(OutboundMessage message, MessagingException exception)
    {
        String prefix = "Email for message " + message.messageId() + " to " + message.destination() + " failed: ";
        if (exception instanceof AuthenticationFailedException) {
            return new VendorException(Category.CONFIGURATION, prefix + "the SMTP server refused the login", exception);
        }
        if (exception instanceof NoMailExchangerAnsweredException) {
            return new VendorException(Category.TRANSIENT, prefix + oneLine(exception.getMessage()), exception);
        }
        if (NEEDS_AUTH_OR_TLS.contains(replyCode(exception))) {
            return new VendorException(Category.CONFIGURATION,
                    prefix + "the SMTP server wants authentication or TLS first (check tls, username and password): " + oneLine(exception.getMessage()), exception);
        }
        if (exception instanceof SMTPSenderFailedException sender) {
            return new VendorException(sender.getReturnCode() / 100 == 4 ? Category.TRANSIENT : Category.CONFIGURATION,
                    prefix + "the SMTP server refused the sender: " + oneLine(sender.getMessage()), exception);
        }
        if (exception instanceof SendFailedException sendFailed) {
            // A recipient refused with 4xx (mailbox busy, greylisting) may take the mail later.
            Category category = Category.PERMANENT;
            Exception next = sendFailed.getNextException();
            while (next != null) {
                if (next instanceof SMTPAddressFailedException address && address.getReturnCode() / 100 == 4) {
                    category = Category.TRANSIENT;
                }
                next = next instanceof MessagingException messaging ? messaging.getNextException() : null;
            }
            if (exception instanceof SMTPSendFailedException smtp && smtp.getReturnCode() / 100 == 4) {
                category = Category.TRANSIENT;
            }
            return new VendorException(category, prefix + oneLine(sendFailed.getMessage()) + details(sendFailed), exception);
        }
        Optional<SSLHandshakeException> handshake = Causes.find(exception, SSLHandshakeException.class);
        if (handshake.isPresent()) {
            // An untrusted or expired certificate, or no common TLS version: retrying will not help.
            return new VendorException(Category.CONFIGURATION,
                    prefix + "the TLS handshake with the SMTP server failed (is its certificate trusted? see ssl_trust): " + oneLine(handshake.get().getMessage()), exception);
        }
        Throwable cause = Causes.root(exception);
        if (cause instanceof UnknownHostException) {
            return new VendorException(Category.CONFIGURATION, prefix + "unknown SMTP host " + messageOf(cause), exception);
        }
        if (cause instanceof SocketTimeoutException) {
            return new VendorException(Category.TRANSIENT, prefix + "the SMTP server did not answer in time; the email may have been accepted", exception);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new VendorException(Category.TRANSIENT, prefix + "cannot talk to the SMTP server (" + cause.getClass().getSimpleName() + ")", exception);
        }
        String text = oneLine(exception.getMessage());
        if (text.contains("STARTTLS")) {
            return new VendorException(Category.CONFIGURATION, prefix + text, exception);
        }
        return new VendorException(Category.TRANSIENT, prefix + text, exception);
    }

    private static int replyCode(MessagingException exception)
    {
        if (exception instanceof SMTPSendFailedException smtp) {
            return smtp.getReturnCode();
        }
        if (exception instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        return -1;
    }

    private static String details(SendFailedException exception)
    {
        Exception next = exception.getNextException();
        return next == null || next.getMessage() == null ? "" : " (" + oneLine(next.getMessage()) + ")";
    }

    private static String messageOf(Throwable cause)
    {
        return cause.getMessage() == null ? "" : cause.getMessage();
    }

    private static String oneLine(String text)
    {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /**
     * How many SMTP connections were opened, for tests of connection reuse.
     */
    int connectionsOpened()
    {
        return connections.openedCount();
    }

    @Override
    public void close()
    {
        connections.close();
    }

    /**
     * A MimeMessage that keeps the Message-ID Iris chose instead of generating one on save.
     */
    private static final class IrisMimeMessage
            extends MimeMessage
    {
        private final String messageId;

        IrisMimeMessage(Session session, String messageId)
        {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID()
                throws MessagingException
        {
            setHeader("Message-ID", messageId);
        }
    }
}
