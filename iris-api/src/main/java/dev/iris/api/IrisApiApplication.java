package dev.iris.api;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.HmacAuthFilter;
import dev.iris.api.auth.RequestArrival;
import dev.iris.api.http.AllowedOrigins;
import dev.iris.api.http.IrisResponseHeaders;
import dev.iris.api.system.MigrateCommand;
import dev.iris.api.ui.UiBundle;
import dev.iris.api.ui.WebUi;
import dev.iris.db.Database;
import dev.iris.db.DatabaseFailures;
import dev.iris.db.DatabaseHealthCheck;
import dev.iris.db.Migrations;
import dev.iris.server.http.ErrorMappers;
import dev.iris.server.logging.SafeLoggingBundle;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import org.glassfish.jersey.server.ServerProperties;

import java.util.EnumSet;

/**
 * iris-api: the Iris v0 REST API.
 */
public class IrisApiApplication
        extends Application<IrisApiConfiguration>
{
    private Injector injector;

    public static void main(String[] args)
            throws Exception
    {
        new IrisApiApplication().run(args);
    }

    @Override
    public String getName()
    {
        return "iris-api";
    }

    @Override
    public void initialize(Bootstrap<IrisApiConfiguration> bootstrap)
    {
        // ${VAR} and ${VAR:-default} in the YAML come from the environment.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // Secrets out of request logs and thread names, control characters escaped in messages.
        bootstrap.addBundle(new SafeLoggingBundle());
        bootstrap.addCommand(new MigrateCommand());
        bootstrap.addCommand(new dev.iris.api.bootstrap.BootstrapCommand());
        bootstrap.addBundle(new UiBundle());
        bootstrap.addCommand(new dev.iris.api.retention.RetentionCommand());
    }

    @Override
    public void run(IrisApiConfiguration configuration, Environment environment)
    {
        dev.iris.server.metrics.PrometheusEndpoint.install(environment);
        Database database = Database.open(configuration.getDatabase(), "iris-api");
        environment.lifecycle().manage(database);
        if (configuration.isDevMode()) {
            Migrations.migrate(database.dataSource());
        }
        Migrations.validate(database.dataSource());
        environment.healthChecks().register("database", new DatabaseHealthCheck(database));

        injector = Guice.createInjector(Stage.PRODUCTION, new ApiModule(configuration, database, environment.getObjectMapper(), servesDevInbox()));

        ErrorMappers.register(configuration, environment, DatabaseFailures.TRANSIENT);
        // Iris's Location headers are relative ("/incidents/12"); Jersey would make them absolute.
        environment.jersey().property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        environment.jersey().register(new IrisResponseHeaders());
        if (!configuration.getAllowedOrigins().isEmpty()) {
            environment.jersey().register(new AllowedOrigins(configuration.getAllowedOrigins()));
        }
        environment.servlets().addFilter("request-arrival", new RequestArrival())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        HmacAuthFilter authFilter = injector.getInstance(HmacAuthFilter.class);
        environment.jersey().register(authFilter);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        for (Class<?> resource : ApiResources.ALL) {
            environment.jersey().register(injector.getInstance(resource));
        }
        WebUi.register(injector, environment, authFilter);
        environment.lifecycle().manage(injector.getInstance(dev.iris.api.heartbeat.HeartbeatMonitor.class));
        // The public status page (no login, its own cache headers) and its recorder.
        environment.jersey().register(injector.getInstance(dev.iris.api.status.StatusPageResource.class));
        environment.lifecycle().manage(injector.getInstance(dev.iris.api.status.StatusMonitor.class));
    }

    /**
     * Whether this API serves the dev inbox pages: never in production. iris-dev's application
     * ({@code ./iris dev}) says yes and registers them.
     */
    protected boolean servesDevInbox()
    {
        return false;
    }

    /**
     * The Guice injector, once {@link #run} has run (tests use it to reach services).
     */
    public Injector injector()
    {
        return injector;
    }
}
