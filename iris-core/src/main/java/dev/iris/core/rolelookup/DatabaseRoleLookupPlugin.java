package dev.iris.core.rolelookup;

import dev.iris.core.schedule.ScheduleRoleLookupFactory;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.List;

/**
 * Provides the built-in role lookups, which answer from Iris's own tables: {@code database} (users,
 * teams, managers, mailing lists) and {@code schedule} (who is on call in a team's schedule).
 */
public final class DatabaseRoleLookupPlugin
        implements IrisPlugin
{
    @Override
    public List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of(new DatabaseRoleLookupFactory(), new ScheduleRoleLookupFactory());
    }
}
