package dev.iris.core.rolelookup;

import dev.iris.core.plugin.CoreServices;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.Set;

/**
 * {@code {type: database}}: no settings. Built into Iris: reads the database through {@link CoreServices}.
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
        return new DatabaseRoleLookup(CoreServices.of(context, "the database role lookup").jdbi());
    }
}
