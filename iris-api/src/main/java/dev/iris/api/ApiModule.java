package dev.iris.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.iris.core.db.Database;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.spi.PluginContext;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;

import java.time.Clock;

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

    ApiModule(IrisApiConfiguration configuration, Database database, ObjectMapper objectMapper)
    {
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
        bind(Clock.class).toInstance(Clock.systemUTC());
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
     * The role-lookup chain the configuration names (the database lookup by default), so the plan
     * simulation expands roles as the sender will when it pages.
     */
    @Provides
    @Singleton
    static RoleResolver roleResolver(IrisApiConfiguration configuration, Database database)
    {
        DataSource dataSource = database.dataSource();
        PluginContext context = new PluginContext()
        {
            @Override
            public DataSource dataSource()
            {
                return dataSource;
            }
        };
        return RoleResolver.fromConfig(configuration.getRoleLookups(), PluginRegistry.fromClasspath(), context);
    }
}
