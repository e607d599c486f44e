package dev.iris.core.plugin;

import dev.iris.core.people.DatabasePeople;
import dev.iris.spi.PluginContext;
import dev.iris.spi.people.IrisPeople;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The plugin context of Iris's own processes (the sender, the API). Every plugin gets the SPI's
 * narrow services from it; Iris's built-in plugins (the {@code database} and {@code schedule}
 * role lookups, the {@code local} login, the dev inbox) are part of Iris, not third-party code,
 * and read the database itself through {@link #jdbi()}.
 *
 * <p>Why a concrete class outside the SPI and not a method of {@link PluginContext}: the SPI
 * hands plugins narrow services, never a database. A built-in plugin asks for this type with
 * {@link #of}, which fails with a clear message when the plugin is created outside Iris.
 */
public final class CoreServices
        implements PluginContext
{
    private final Clock clock;
    private final Jdbi jdbi;
    private final IrisPeople people;

    /**
     * {@code jdbi} is the process's: SqlObject installed, rolled-back transactions retried
     * ({@code Database.jdbi()}).
     */
    public CoreServices(Clock clock, Jdbi jdbi)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.people = new DatabasePeople(jdbi);
    }

    /**
     * The Iris services behind {@code context}, for a built-in plugin named {@code plugin}.
     *
     * @throws IllegalStateException when the context is not Iris's own (a plugin built into Iris
     *         created by other code)
     */
    public static CoreServices of(PluginContext context, String plugin)
    {
        if (context instanceof CoreServices services) {
            return services;
        }
        throw new IllegalStateException(plugin + " is built into Iris and reads its database: it runs only with the plugin context of an Iris process");
    }

    @Override
    public Clock clock()
    {
        return clock;
    }

    @Override
    public IrisPeople people()
    {
        return people;
    }

    /**
     * Iris's database, for Iris's built-in plugins only.
     */
    public Jdbi jdbi()
    {
        return jdbi;
    }
}
