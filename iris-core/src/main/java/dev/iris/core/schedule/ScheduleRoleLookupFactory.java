package dev.iris.core.schedule;

import dev.iris.core.plugin.CoreServices;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.Set;

/**
 * {@code {type: schedule}}: no settings. Built into Iris: reads the database through {@link CoreServices}.
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
        return new ScheduleRoleLookup(CoreServices.of(context, "the schedule role lookup").jdbi(), context.clock());
    }
}
