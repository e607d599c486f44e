package dev.iris.spi;

import java.time.Clock;

/**
 * Services Iris hands to a plugin when it is created. Every method has a default that throws
 * {@link UnsupportedOperationException}, so Iris can add services without breaking plugins, and a
 * plugin created outside Iris (in a test) can be given a context with only what it needs.
 *
 * <p>Implementations are thread-safe; the returned objects are shared and must not be closed by
 * the plugin.
 */
public interface PluginContext
{
    /**
     * The clock Iris runs on. Plugins use it instead of {@link System#currentTimeMillis()} so tests
     * can move time forward.
     */
    default Clock clock()
    {
        return Clock.systemUTC();
    }

    /**
     * Iris's database, for plugins that keep or read state there (the dev inbox, the database role
     * lookup). Connections taken from it must be closed by the plugin.
     */
    default javax.sql.DataSource dataSource()
    {
        throw new UnsupportedOperationException("this Iris process gives plugins no database");
    }

    /**
     * A version number of this SPI, raised when methods are added. Plugins may check it to use
     * newer services only where they exist. Version 2 added periodic tasks
     * ({@link IrisPlugin#getPeriodicTaskFactories()}).
     */
    default int spiVersion()
    {
        return 2;
    }
}
