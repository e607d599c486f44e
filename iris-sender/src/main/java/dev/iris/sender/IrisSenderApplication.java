package dev.iris.sender;

import dev.iris.core.db.Database;
import dev.iris.core.db.DatabaseHealthCheck;
import dev.iris.core.db.Migrations;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * iris-sender: walks escalation plans and delivers messages. Any number may run against one
 * database; they coordinate through row locks.
 */
public class IrisSenderApplication
        extends Application<IrisSenderConfiguration>
{
    public static void main(String[] args)
            throws Exception
    {
        new IrisSenderApplication().run(args);
    }

    @Override
    public String getName()
    {
        return "iris-sender";
    }

    @Override
    public void initialize(Bootstrap<IrisSenderConfiguration> bootstrap)
    {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(IrisSenderConfiguration configuration, Environment environment)
    {
        dev.iris.core.metrics.PrometheusEndpoint.install(environment);
        Database database = Database.open(configuration.getDatabase(), "iris-sender");
        environment.lifecycle().manage(database);
        if (configuration.isDevMode()) {
            Migrations.migrate(database.dataSource());
        }
        Migrations.validate(database.dataSource());
        environment.healthChecks().register("database", new DatabaseHealthCheck(database));
        SenderLoop loop = new SenderLoop();
        environment.lifecycle().manage(loop);
        environment.healthChecks().register("sender-loop", loop.healthCheck());
    }
}
