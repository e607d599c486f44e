package dev.iris.plugin.ldap;

import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.rolelookup.RoleLookupFactory;
import dev.iris.spi.task.PeriodicTaskFactory;

import java.util.List;

/**
 * LDAP: a role lookup ({@code ldap}), a UI login ({@code ldap}) and a user and team sync task
 * ({@code ldap-sync}).
 */
public final class LdapPlugin
        implements IrisPlugin
{
    @Override
    public List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of(new LdapRoleLookupFactory());
    }

    @Override
    public List<AuthenticatorFactory> getAuthenticatorFactories()
    {
        return List.of(new LdapAuthenticatorFactory());
    }

    @Override
    public List<PeriodicTaskFactory> getPeriodicTaskFactories()
    {
        return List.of(new LdapSyncTaskFactory());
    }
}
