package dev.iris.core.login;

import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.IrisPlugin;

import java.util.List;

/**
 * The built-in {@code local} UI login, so Iris runs without a directory.
 */
public final class LocalLoginPlugin
        implements IrisPlugin
{
    @Override
    public List<AuthenticatorFactory> getAuthenticatorFactories()
    {
        return List.of(new LocalAuthenticatorFactory());
    }
}
