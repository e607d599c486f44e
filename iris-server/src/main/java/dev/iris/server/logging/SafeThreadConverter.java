package dev.iris.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %t}/{@code %thread} in every pattern layout of an Iris process: request threads carry
 * the request line in their name ({@link RedactingThreadNameFilter} already hides secrets
 * there); this covers any other code that names a thread after a URL.
 */
public final class SafeThreadConverter
        extends ClassicConverter
{
    @Override
    public String convert(ILoggingEvent event)
    {
        return LogText.escape(QuerySecrets.redact(event.getThreadName()));
    }
}
