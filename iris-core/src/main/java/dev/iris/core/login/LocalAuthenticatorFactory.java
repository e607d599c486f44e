package dev.iris.core.login;

import dev.iris.db.TransactionRetry;
import dev.iris.spi.Authenticator;
import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.util.Set;

/**
 * {@code type: local} in the API's {@code auth:} section: passwords checked against the bcrypt
 * hashes in {@code user.password_hash}. Takes no settings; needs Iris's database.
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
        return new LocalAuthenticator(TransactionRetry.install(Jdbi.create(context.dataSource()).installPlugin(new SqlObjectPlugin())).onDemand(LocalPasswordDao.class));
    }
}
