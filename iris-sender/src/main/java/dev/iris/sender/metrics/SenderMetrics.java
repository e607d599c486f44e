package dev.iris.sender.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The sender's counters and histograms, served on the admin port's {@code /metrics}: sends per
 * mode and vendor, failures per mode and category, suppressed and cancelled messages, escalation
 * rounds, the time from an incident's trigger to its first messages' vendor calls, and each
 * vendor instance's sends in flight and their limit.
 */
public final class SenderMetrics
{
    private final MetricRegistry registry;
    private final Histogram triggerToFirstSend;

    public SenderMetrics(MetricRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.triggerToFirstSend = registry.histogram("iris.sender.trigger-to-first-send-ms",
                () -> new Histogram(new SlidingTimeWindowArrayReservoir(5, TimeUnit.MINUTES)));
    }

    public MetricRegistry registry()
    {
        return registry;
    }

    public void sent(String mode, String vendor)
    {
        counter("iris.sender.sent." + mode + "." + vendor).inc();
    }

    public void failed(String mode, String category)
    {
        counter("iris.sender.failed." + mode + "." + category).inc();
    }

    /**
     * A page given up for good: its budget is spent, or no mode of its person can carry it.
     */
    public void undeliverable(String mode)
    {
        counter("iris.sender.undeliverable." + mode).inc();
    }

    public void retried(String mode)
    {
        counter("iris.sender.retried." + mode).inc();
    }

    public void suppressed(String reason)
    {
        counter("iris.sender.suppressed." + reason).inc();
    }

    /**
     * A message over its application's soft quota (it still goes out) under the default quota,
     * which noticed nobody.
     */
    public void quotaSoftBreach()
    {
        counter("iris.sender.quota.soft-breach").inc();
    }

    public void cancelled()
    {
        counter("iris.sender.cancelled").inc();
    }

    public void recovered()
    {
        counter("iris.sender.recovered-sends").inc();
    }

    public void triggerToFirstSend(Duration duration)
    {
        triggerToFirstSend.update(Math.max(0, duration.toMillis()));
    }

    /**
     * Gauges of a vendor instance's sends in flight, of the limit they are held to, and of the
     * sends waiting for a place under it.
     */
    public void vendorSends(String vendor, IntSupplier inFlight, IntSupplier limit, IntSupplier waiting)
    {
        gauge("iris.sender.vendor." + vendor + ".in-flight", inFlight);
        gauge("iris.sender.vendor." + vendor + ".send-limit", limit);
        gauge("iris.sender.vendor." + vendor + ".waiting", waiting);
    }

    private void gauge(String name, IntSupplier value)
    {
        Gauge<Integer> gauge = value::getAsInt;
        registry.gauge(name, () -> gauge);
    }

    private Counter counter(String name)
    {
        return registry.counter(name);
    }
}
