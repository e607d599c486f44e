package dev.iris.spi;

import dev.iris.spi.people.IrisPeople;

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
     * Iris's own users, teams and mailing lists, for a plugin that keeps them in step with an
     * outside directory (the LDAP plugin's {@code ldap-sync} task). Plugins get narrow services
     * like this one, never the database itself: what they may change is named here, and Iris's
     * schema can change without breaking them.
     *
     * @since SPI version 3
     */
    default IrisPeople people()
    {
        throw new UnsupportedOperationException("this Iris process gives plugins no access to its people");
    }

    /**
     * A version number of this SPI, raised when methods are added. Plugins may check it to use
     * newer services only where they exist. Version 2 added periodic tasks
     * ({@link IrisPlugin#getPeriodicTaskFactories()}). Version 3 added {@link #people()} and removed
     * {@code dataSource()}: plugins get narrow services, never Iris's database.
     */
    default int spiVersion()
    {
        return 3;
    }
}
