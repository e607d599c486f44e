package dev.iris.core.rolelookup;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.List;

/**
 * Provides the {@code database} role lookup, which answers from Iris's own tables.
 */
public final class DatabaseRoleLookupPlugin
        implements IrisPlugin
{
    @Override
    public List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of(new DatabaseRoleLookupFactory());
    }
}
