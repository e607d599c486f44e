package dev.iris.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}/{@code %msg}/{@code %message} in every pattern layout of an Iris process: the
 * formatted message with secret query values hidden and control characters escaped, so one
 * event is one line. Stack traces are not affected: Dropwizard's default {@code %dwREx} already
 * starts each of their lines with {@code "! "}.
 */
public final class SafeMessageConverter
        extends ClassicConverter
{
    @Override
    public String convert(ILoggingEvent event)
    {
        return LogText.escape(QuerySecrets.redact(event.getFormattedMessage()));
    }
}
