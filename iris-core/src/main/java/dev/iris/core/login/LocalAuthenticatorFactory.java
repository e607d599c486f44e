package dev.iris.core.login;

import dev.iris.core.plugin.CoreServices;
import dev.iris.spi.Authenticator;
import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.Set;

/**
 * {@code type: local} in the API's {@code auth:} section: passwords checked against the bcrypt
 * hashes in {@code user.password_hash}. Takes no settings. Built into Iris: reads the database
 * through {@link CoreServices}.
 */
public final class LocalAuthenticatorFactory
        implements AuthenticatorFactory
{
    @Override
    public String getName()
    {
        return "local";
    }

    @Override
    public Authenticator create(PluginConfig config, PluginContext context)
    {
        config.rejectUnknownKeys(Set.of());
        return new LocalAuthenticator(CoreServices.of(context, "the local login").jdbi().onDemand(LocalPasswordDao.class));
    }
}
