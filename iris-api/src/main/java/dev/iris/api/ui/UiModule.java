package dev.iris.api.ui;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.plugin.CoreServices;
import dev.iris.core.plugin.PluginInstanceConfig;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.spi.Authenticator;
import dev.iris.spi.PluginContext;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Guice bindings of the web UI.
 */
public final class UiModule
        extends AbstractModule
{
    private static final Logger log = LoggerFactory.getLogger(UiModule.class);

    @Override
    protected void configure()
    {
        for (Class<?> type : WebUi.RESOURCES) {
            bind(type);
        }
        for (Class<?> type : WebUi.SERVICES) {
            bind(type);
        }
    }

    @Provides
    @Singleton
    static SessionCodec sessionCodec(IrisApiConfiguration configuration, Clock clock)
    {
        UiConfig ui = configuration.getUi();
        byte[] secret;
        if (ui.getSessionSecret().isPresent()) {
            secret = ui.getSessionSecret().get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("ui.sessionSecret must be at least 32 characters long");
            }
        }
        else {
            log.warn("ui.sessionSecret is not set: using a random one, so UI sessions end when iris-api stops "
                    + "and do not work across several API nodes");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        return new SessionCodec(secret, clock, Duration.ofMillis(ui.getSessionLifetime().toMilliseconds()));
    }

    @Provides
    @Singleton
    static LoginService loginService(IrisApiConfiguration configuration, Jdbi jdbi, Clock clock)
    {
        return new LoginService(configuration.getAuth().map(auth -> createAuthenticator(auth, jdbi, clock)), jdbi);
    }

    private static Authenticator createAuthenticator(PluginInstanceConfig auth, Jdbi jdbi, Clock clock)
    {
        PluginContext context = new CoreServices(clock, jdbi);
        Authenticator authenticator = PluginRegistry.fromClasspath()
                .requireAuthenticator(auth.getType())
                .create(auth.toPluginConfig(), context);
        log.info("Web UI logins are checked by the {} authenticator", auth.getType());
        return authenticator;
    }
}
