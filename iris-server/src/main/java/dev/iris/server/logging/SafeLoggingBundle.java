package dev.iris.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.core.pattern.DynamicConverter;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps secrets and forged lines out of the logs of every Iris process, whatever its YAML says
 * about logging, so a production config cannot forget it:
 * <ul>
 *   <li>the request log (any type, layout or appender) shows URIs with secret query values
 *       hidden ({@link QuerySecrets});</li>
 *   <li>request threads are named after the request with those values hidden, in place of
 *       Dropwizard's {@code ThreadNameFilter};</li>
 *   <li>in every pattern layout, {@code %m} and {@code %thread} hide those values too and
 *       escape control characters ({@link LogText}), so text from a request cannot start a log
 *       line of its own. JSON layouts escape by themselves.</li>
 * </ul>
 */
public final class SafeLoggingBundle
        implements ConfiguredBundle<Configuration>
{
    private static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");
    private static final List<String> THREAD_WORDS = List.of("t", "thread");

    @Override
    public void initialize(Bootstrap<?> bootstrap)
    {
        // Before Dropwizard builds the configured appenders, whose layouts look the conversion
        // words up in these maps (Dropwizard registers its own %dwREx and friends the same way).
        for (String word : MESSAGE_WORDS) {
            register(word, SafeMessageConverter::new, SafeMessageConverter.class);
        }
        for (String word : THREAD_WORDS) {
            register(word, SafeThreadConverter::new, SafeThreadConverter.class);
        }
    }

    @Override
    public void run(Configuration configuration, Environment environment)
    {
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setEnableThreadNameFilter(false);
        }
        // Added here, before Dropwizard adds its own filters when it builds the server: first in
        // the chain, so everything after it runs under the redacted name.
        environment.servlets().addFilter("redacting-thread-name", new RedactingThreadNameFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.lifecycle().addEventListener(new LifeCycle.Listener()
        {
            @Override
            public void lifeCycleStarting(LifeCycle event)
            {
                // The server exists and has its request log, but has not started it yet.
                if (event instanceof Server server && server.getRequestLog() != null && !(server.getRequestLog() instanceof RedactingRequestLog)) {
                    server.setRequestLog(new RedactingRequestLog(server.getRequestLog()));
                }
            }
        });
    }

    // Logback's maps hold raw DynamicConverter suppliers.
    @SuppressWarnings({"deprecation", "rawtypes"})
    private static void register(String word, Supplier<DynamicConverter> converter, Class<?> type)
    {
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, converter);
        // The older name-based map, which logback still consults for configurations that use it.
        PatternLayout.DEFAULT_CONVERTER_MAP.put(word, type.getName());
    }
}
