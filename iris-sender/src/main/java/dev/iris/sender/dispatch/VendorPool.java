package dev.iris.sender.dispatch;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The configured vendor instances by mode. A send starts at the next instance in round-robin
 * order and fails over to the following ones on transient and configuration failures; a
 * permanent failure stops at once, since another instance would not change the answer.
 */
public final class VendorPool
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(VendorPool.class);

    /**
     * A vendor instance and its configured name.
     */
    public record NamedVendor(String name, Vendor vendor) {}

    /**
     * What happened to a send.
     *
     * @param vendor the instance that accepted the message, or the last one tried
     * @param category null on success
     * @param retryAfter what the vendor asked for, when it did
     */
    public record Outcome(String vendor, String vendorMessageId, Category category, String error, Duration retryAfter)
    {
        public boolean sent()
        {
            return category == null;
        }
    }

    private final List<NamedVendor> vendors;
    private final Map<String, List<NamedVendor>> byMode = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> next = new LinkedHashMap<>();

    public VendorPool(List<NamedVendor> vendors)
    {
        this.vendors = List.copyOf(requireNonNull(vendors, "vendors is null"));
        for (NamedVendor vendor : this.vendors) {
            for (String mode : vendor.vendor().supportedModes()) {
                byMode.computeIfAbsent(mode, ignored -> new ArrayList<>()).add(vendor);
                next.computeIfAbsent(mode, ignored -> new AtomicInteger());
            }
        }
    }

    public boolean serves(String mode)
    {
        return byMode.containsKey(mode);
    }

    public Outcome send(OutboundMessage message)
    {
        List<NamedVendor> instances = byMode.getOrDefault(message.mode(), List.of());
        if (instances.isEmpty()) {
            return new Outcome(null, null, Category.CONFIGURATION, "no vendor is configured for mode " + message.mode(), null);
        }
        int start = Math.floorMod(next.get(message.mode()).getAndIncrement(), instances.size());
        List<String> errors = new ArrayList<>();
        Category worst = Category.CONFIGURATION;
        Duration retryAfter = null;
        String lastVendor = null;
        for (int i = 0; i < instances.size(); i++) {
            NamedVendor instance = instances.get((start + i) % instances.size());
            lastVendor = instance.name();
            try {
                SendResult result = instance.vendor().send(message);
                return new Outcome(instance.name(), result == null ? null : result.vendorMessageId(), null, null, null);
            }
            catch (VendorException e) {
                errors.add(instance.name() + ": " + e.getMessage());
                if (e.getCategory() == Category.PERMANENT) {
                    return new Outcome(instance.name(), null, Category.PERMANENT, String.join("; ", errors), null);
                }
                if (e.getCategory() == Category.TRANSIENT) {
                    worst = Category.TRANSIENT;
                }
                else {
                    log.warn("Vendor {} is misconfigured: {}", instance.name(), e.getMessage());
                }
                Optional<Duration> asked = e.getRetryAfter();
                if (asked.isPresent() && (retryAfter == null || asked.get().compareTo(retryAfter) > 0)) {
                    retryAfter = asked.get();
                }
            }
            catch (RuntimeException e) {
                // A plugin bug: try the next instance, and retry later as for a transient failure.
                log.error("Vendor {} failed unexpectedly", instance.name(), e);
                errors.add(instance.name() + ": " + e);
                worst = Category.TRANSIENT;
            }
        }
        return new Outcome(lastVendor, null, worst, String.join("; ", errors), retryAfter);
    }

    @Override
    public void close()
    {
        for (NamedVendor vendor : vendors) {
            try {
                vendor.vendor().close();
            }
            catch (Exception e) {
                log.warn("Closing vendor {} failed", vendor.name(), e);
            }
        }
    }
}
