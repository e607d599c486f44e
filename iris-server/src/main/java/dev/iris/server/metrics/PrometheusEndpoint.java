package dev.iris.server.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Serves every Dropwizard metric of the process (Jetty, Jersey, logging, Iris's own) and the JVM's in
 * Prometheus's text format at {@code /prometheus} on the admin port, next to Dropwizard's JSON
 * {@code /metrics}. Each process has its own registry, so tests can start several in one JVM.
 */
public final class PrometheusEndpoint
{
    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {}

    public static void install(Environment environment)
    {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder()
                .dropwizardRegistry(environment.metrics())
                .register(registry);
        // Memory, threads, GC and class loading under Prometheus's standard jvm_* names.
        JvmMetrics.builder().register(registry);
        environment.admin()
                .addServlet("prometheus", new PrometheusMetricsServlet(registry))
                .addMapping(PATH);
    }
}
