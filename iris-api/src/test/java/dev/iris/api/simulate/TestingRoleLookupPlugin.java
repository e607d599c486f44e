package dev.iris.api.simulate;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role lookup for tests ({@code roleLookups: [{type: testing-oncall, config: {oncall.<team>: a,b}}]}),
 * standing in for Oncall or a schedule: it answers {@code oncall-primary} of the teams it lists and
 * leaves every other role to the next lookup.
 */
public final class TestingRoleLookupPlugin
        implements IrisPlugin
{
    @Override
    public List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of(new RoleLookupFactory()
        {
            @Override
            public String getName()
            {
                return "testing-oncall";
            }

            @Override
            public RoleLookup create(PluginConfig config, PluginContext context)
            {
                Map<String, String> onCall = config.subMap("oncall");
                return (role, target) -> role.equals("oncall-primary") && onCall.containsKey(target)
                        ? Optional.of(Arrays.stream(onCall.get(target).split(",")).map(String::strip).toList())
                        : Optional.empty();
            }
        });
    }
}
