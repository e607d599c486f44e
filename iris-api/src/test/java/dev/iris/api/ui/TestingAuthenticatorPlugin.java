package dev.iris.api.ui;

import dev.iris.spi.Authenticator;
import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.List;
import java.util.Map;

/**
 * A login authenticator for tests ({@code auth: {type: testing}}): the password of each user is
 * listed under {@code passwords.<username>}; with {@code unavailable: true} every check fails as if
 * the directory were down.
 */
public final class TestingAuthenticatorPlugin
        implements IrisPlugin
{
    @Override
    public List<AuthenticatorFactory> getAuthenticatorFactories()
    {
        return List.of(new AuthenticatorFactory()
        {
            @Override
            public String getName()
            {
                return "testing";
            }

            @Override
            public Authenticator create(PluginConfig config, PluginContext context)
            {
                Map<String, String> passwords = config.subMap("passwords");
                boolean unavailable = config.booleanValue("unavailable", false);
                return (username, password) -> {
                    if (unavailable) {
                        throw new IllegalStateException("directory unreachable");
                    }
                    return passwords.containsKey(username) && passwords.get(username).equals(new String(password));
                };
            }
        });
    }
}
