package dev.iris.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.iris.api.ui.UiPages;
import dev.iris.db.Database;
import org.jdbi.v3.core.Jdbi;

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
        bind(Clock.class).toInstance(Clock.systemUTC());
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
}
