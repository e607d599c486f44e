package dev.iris.plugin.ldap;

import dev.iris.spi.Authenticator;
import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.Set;

/**
 * {@code type: ldap} in the API's {@code auth:} section. See {@link LdapAuthenticatorConfig}.
 */
public final class LdapAuthenticatorFactory
        implements AuthenticatorFactory
{
    @Override
    public String getName()
    {
        return "ldap";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(LdapAuthenticatorConfig.BIND_PASSWORD);
    }

    @Override
    public Authenticator create(PluginConfig config, PluginContext context)
    {
        return new LdapAuthenticator(LdapAuthenticatorConfig.from(config));
    }
}
