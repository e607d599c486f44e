package dev.iris.plugin.oncall;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.List;

/**
 * Role lookups answered by LinkedIn Oncall: who is on call for a team, its rosters, its manager.
 */
public final class OncallPlugin
        implements IrisPlugin
{
    @Override
    public List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of(new OncallRoleLookupFactory());
    }
}
