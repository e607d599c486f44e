package dev.iris.core.schedule;

import dev.iris.db.TransactionRetry;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;
import org.jdbi.v3.core.Jdbi;

import java.util.Set;

/**
 * {@code {type: schedule}}: no settings. Needs the process's database and clock.
 */
public final class ScheduleRoleLookupFactory
        implements RoleLookupFactory
{
    public static final String NAME = "schedule";

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public RoleLookup create(PluginConfig config, PluginContext context)
    {
        config.rejectUnknownKeys(Set.of());
        return new ScheduleRoleLookup(TransactionRetry.install(Jdbi.create(context.dataSource())), context.clock());
    }
}
