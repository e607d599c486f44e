package dev.iris.plugin.smtp;

import jakarta.mail.MessagingException;

/**
 * Every mail exchanger of the {@code smtp_gateway} domain failed to connect. Transient: the
 * servers or their DNS records may come back.
 */
final class NoMailExchangerAnsweredException
        extends MessagingException
{
    NoMailExchangerAnsweredException(String message, Exception last)
    {
        super(message, last);
    }
}
