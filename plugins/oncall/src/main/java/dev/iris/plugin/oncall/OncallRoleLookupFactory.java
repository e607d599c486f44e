package dev.iris.plugin.oncall;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.Set;

/**
 * {@code type: oncall}. See {@link OncallConfig} for the settings.
 */
public final class OncallRoleLookupFactory
        implements RoleLookupFactory
{
    @Override
    public String getName()
    {
        return "oncall";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(OncallConfig.KEY);
    }

    @Override
    public RoleLookup create(PluginConfig config, PluginContext context)
    {
        return new OncallRoleLookup(OncallConfig.from(config), context.clock());
    }
}
