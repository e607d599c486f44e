package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupFactory;

import java.util.Set;

/**
 * {@code type: ldap} in {@code role_lookups:}. See {@link LdapDirectoryConfig} for the settings.
 */
public final class LdapRoleLookupFactory
        implements RoleLookupFactory
{
    @Override
    public String getName()
    {
        return "ldap";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(LdapServerConfig.BIND_PASSWORD);
    }

    @Override
    public RoleLookup create(PluginConfig config, PluginContext context)
    {
        LdapDirectoryConfig directoryConfig = LdapDirectoryConfig.from(config, Set.of());
        try {
            return new LdapRoleLookup(new LdapDirectory(directoryConfig));
        }
        catch (LDAPException e) {
            throw new PluginConfigException(LdapServerConfig.URL, "cannot set up the connection: " + e.getResultCode());
        }
    }
}
