package dev.iris.core.rolelookup;

import dev.iris.db.TransactionRetry;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;
import org.jdbi.v3.core.Jdbi;

import java.util.Set;

/**
 * {@code {type: database}}: no settings. Needs the process's database from the plugin context.
 */
public final class DatabaseRoleLookupFactory
        implements RoleLookupFactory
{
    public static final String NAME = "database";

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public RoleLookup create(PluginConfig config, PluginContext context)
    {
        config.rejectUnknownKeys(Set.of());
        return new DatabaseRoleLookup(TransactionRetry.install(Jdbi.create(context.dataSource())));
    }
}
