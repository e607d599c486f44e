package dev.iris.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.iris.api.ui.UiPages;
import dev.iris.core.application.ApplicationCache;
import dev.iris.core.plugin.CoreServices;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.core.rolelookup.DatabaseRoleLookupFactory;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.db.Database;
import dev.iris.db.DatabaseClock;
import dev.iris.spi.PluginContext;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Guice bindings for iris-api.
 */
final class ApiModule
        extends AbstractModule
{
    private final IrisApiConfiguration configuration;
    private final Database database;
    private final ObjectMapper objectMapper;
    private final boolean devInbox;

    ApiModule(IrisApiConfiguration configuration, Database database, ObjectMapper objectMapper, boolean devInbox)
    {
        this.devInbox = devInbox;
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.database = requireNonNull(database, "database is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @Override
    protected void configure()
    {
        binder().requireExplicitBindings();
        binder().requireAtInjectOnConstructors();
        bind(IrisApiConfiguration.class).toInstance(configuration);
        bind(Database.class).toInstance(database);
        bind(Jdbi.class).toInstance(database.jdbi());
        bind(ObjectMapper.class).toInstance(objectMapper);
        // Sessions, windows, hold-downs and request times are compared with times the database wrote.
        bind(Clock.class).toInstance(new DatabaseClock(database.jdbi()));
        bind(dev.iris.core.status.StatusSettings.class).toInstance(configuration.getStatus().settings());
        bindConstant().annotatedWith(Names.named(UiPages.DEV_INBOX)).to(devInbox);
        for (Class<?> resource : ApiResources.ALL) {
            bind(resource);
        }
        for (Class<?> service : ApiResources.SERVICES) {
            bind(service);
        }
        bind(dev.iris.api.auth.HmacAuthFilter.class);
        install(new dev.iris.api.ui.UiModule());
    }

    /**
     * The one application cache of this node: authentication, the trigger path and every change
     * of an application share it.
     */
    @Provides
    @Singleton
    static ApplicationCache applicationCache(IrisApiConfiguration configuration, Database database)
    {
        // The local clock: only the age of an entry counts, not the database's time.
        return new ApplicationCache(database.jdbi(), Clock.systemUTC(), Duration.ofMillis(configuration.getApplicationCacheTtl().toMilliseconds()));
    }

    /**
     * The role-lookup chain the configuration names (the database lookup by default), so the plan
     * simulation expands roles as the sender will when it pages.
     */
    @Provides
    @Singleton
    static RoleResolver roleResolver(IrisApiConfiguration configuration, Database database, Clock clock)
    {
        PluginContext context = new CoreServices(clock, database.jdbi());
        // Built-in schedules are expanded by the simulator itself, at the simulated instant.
        return RoleResolver.fromConfig(configuration.getRoleLookups(), List.of(DatabaseRoleLookupFactory.NAME), PluginRegistry.fromClasspath(), context,
                Clock.systemUTC());
    }
}
