package dev.iris.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Captures everything logged under a logger name (and its children) at every level, so a test
 * can assert that a secret never reached the log. Close it to detach.
 */
public final class LogCapture
        implements AutoCloseable
{
    private final Logger attachedTo;
    private final Logger raised;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String attachTo, String raise)
    {
        attachedTo = (Logger) LoggerFactory.getLogger(attachTo);
        raised = (Logger) LoggerFactory.getLogger(raise);
        previousLevel = raised.getLevel();
        raised.setLevel(Level.TRACE);
        appender.start();
        attachedTo.addAppender(appender);
    }

    /**
     * Captures one logger and its children at every level.
     */
    public static LogCapture capture(String loggerName)
    {
        return new LogCapture(loggerName, loggerName);
    }

    /**
     * Captures every logger, libraries included: Iris's own code at every level, libraries at
     * their configured level.
     */
    public static LogCapture captureAll()
    {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.iris");
    }

    /**
     * Every captured line: the formatted message, then each exception's class and message in the
     * cause chain.
     */
    public List<String> lines()
    {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : new ArrayList<>(appender.list)) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
            for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                lines.add("  " + proxy.getClassName() + ": " + proxy.getMessage());
            }
        }
        return lines;
    }

    /**
     * The name of the thread each captured event was logged on (request threads are named after
     * the request while it runs).
     */
    public List<String> threadNames()
    {
        List<String> names = new ArrayList<>();
        for (ILoggingEvent event : new ArrayList<>(appender.list)) {
            names.add(event.getThreadName());
        }
        return names;
    }

    /**
     * All captured lines joined, for {@code doesNotContain} assertions.
     */
    public String text()
    {
        return String.join("\n", lines());
    }

    @Override
    public void close()
    {
        attachedTo.detachAppender(appender);
        raised.setLevel(previousLevel);
        appender.stop();
    }
}
