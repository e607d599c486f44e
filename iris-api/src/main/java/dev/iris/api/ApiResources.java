package dev.iris.api;

import java.util.List;

/**
 * The JAX-RS resources iris-api serves and the services they use, in one place so the module and
 * the application agree.
 */
final class ApiResources
{
    static final List<Class<?>> ALL = List.of(
            dev.iris.api.system.HealthcheckResource.class,
            dev.iris.api.simulate.PlanSimulationResource.class,
            dev.iris.api.stats.GlobalStatsResource.class,
            dev.iris.api.stats.ApplicationStatsResource.class,
            dev.iris.api.stats.SingleStatResource.class,
            dev.iris.api.heartbeat.HeartbeatsResource.class,
            dev.iris.api.heartbeat.HeartbeatResource.class,
            dev.iris.api.openapi.OpenApiResource.class,
            dev.iris.api.webhook.WebhookResource.class);

    static final List<Class<?>> SERVICES = List.of(
            dev.iris.api.simulate.PlanSimulator.class,
            dev.iris.core.stats.StatsService.class,
            dev.iris.api.ingest.QueryKeyAuthenticator.class,
            dev.iris.core.heartbeat.HeartbeatService.class,
            dev.iris.core.heartbeat.HeartbeatChecker.class,
            dev.iris.api.heartbeat.HeartbeatMonitor.class,
            dev.iris.api.webhook.AlertIngestService.class);

    private ApiResources() {}
}
