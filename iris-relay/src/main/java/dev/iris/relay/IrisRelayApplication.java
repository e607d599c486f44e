package dev.iris.relay;

import com.codahale.metrics.health.HealthCheck;
import dev.iris.core.http.ErrorMappers;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * iris-relay: the public edge for Twilio, Slack and inbound email.
 */
public class IrisRelayApplication
        extends Application<IrisRelayConfiguration>
{
    public static void main(String[] args)
            throws Exception
    {
        new IrisRelayApplication().run(args);
    }

    @Override
    public String getName()
    {
        return "iris-relay";
    }

    @Override
    public void initialize(Bootstrap<IrisRelayConfiguration> bootstrap)
    {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(IrisRelayConfiguration configuration, Environment environment)
    {
        dev.iris.core.metrics.PrometheusEndpoint.install(environment);
        ErrorMappers.register(configuration, environment);
        environment.healthChecks().register("relay", new HealthCheck()
        {
            @Override
            protected Result check()
            {
                return configuration.getRelayKey().isEmpty()
                        ? Result.unhealthy("no relayKey configured: the relay cannot sign its calls to the API")
                        : Result.healthy("forwarding to " + configuration.getApiUrl());
            }
        });
    }
}
