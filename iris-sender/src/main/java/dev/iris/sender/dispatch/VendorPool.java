package dev.iris.sender.dispatch;

import dev.iris.sender.metrics.SenderMetrics;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The configured vendor instances by mode. A send starts at the next instance in round-robin
 * order and fails over to the following ones on transient and configuration failures; a
 * permanent failure stops at once, since another instance would not change the answer. Each
 * instance has its own bound on sends in flight ({@link VendorSendLimit}), so one vendor in
 * trouble slows only its own pages; a send waits for a place under it as its {@link SlotWait}
 * allows, and an instance with no place in that time counts as a transient failure.
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
        /**
         * The send was withdrawn before any vendor was called (see {@link SlotWait}).
         */
        static final Outcome WITHDRAWN = new Outcome(null, null, null, null, null);

        public boolean sent()
        {
            return category == null && this != WITHDRAWN;
        }

        public boolean withdrawn()
        {
            return this == WITHDRAWN;
        }
    }

    /**
     * How long a send may wait for a place under an instance's limit, and whether it is still
     * wanted once it has one.
     *
     * @param longest the longest wait for a place, over all the instances tried
     * @param stillWanted asked once a place is free, before the vendor is called; false withdraws
     *        the send (its incident was claimed or resolved while it waited)
     */
    public record SlotWait(Duration longest, BooleanSupplier stillWanted)
    {
        public SlotWait
        {
            requireNonNull(longest, "longest is null");
            requireNonNull(stillWanted, "stillWanted is null");
        }
    }

    private final List<NamedVendor> vendors;
    private final Map<String, List<NamedVendor>> byMode = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> next = new LinkedHashMap<>();
    // By identity: a vendor may be a record whose equality follows state that changes.
    private final Map<NamedVendor, VendorSendLimit> limits = new IdentityHashMap<>();

    /**
     * @param maxSendsInFlight the most sends in flight any one instance may reach (the sender's
     *        send threads)
     */
    public VendorPool(List<NamedVendor> vendors, int maxSendsInFlight)
    {
        this.vendors = List.copyOf(requireNonNull(vendors, "vendors is null"));
        for (NamedVendor vendor : this.vendors) {
            limits.put(vendor, new VendorSendLimit(maxSendsInFlight));
            for (String mode : vendor.vendor().supportedModes()) {
                byMode.computeIfAbsent(mode, ignored -> new ArrayList<>()).add(vendor);
                next.computeIfAbsent(mode, ignored -> new AtomicInteger());
            }
        }
    }

    /**
     * Reports each instance's sends in flight, their limit and the sends waiting for a place as
     * gauges.
     */
    public void report(SenderMetrics metrics)
    {
        limits.forEach((vendor, limit) -> metrics.vendorSends(vendor.name(), limit::inFlight, limit::limit, limit::waiting));
    }

    public boolean serves(String mode)
    {
        return byMode.containsKey(mode);
    }

    public Outcome send(OutboundMessage message, SlotWait wait)
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
        long waitEnd = System.nanoTime() + wait.longest().toNanos();
        for (int i = 0; i < instances.size(); i++) {
            NamedVendor instance = instances.get((start + i) % instances.size());
            lastVendor = instance.name();
            VendorSendLimit limit = limits.get(instance);
            // The wait is for the whole send, not for each instance.
            Optional<VendorSendLimit.Slot> slot = limit.acquire(Duration.ofNanos(waitEnd - System.nanoTime()));
            if (slot.isEmpty()) {
                errors.add(instance.name() + ": its limit of " + limit.limit() + " sends in flight was reached and no send came back within "
                        + wait.longest().toMillis() + " ms");
                worst = Category.TRANSIENT;
                continue;
            }
            try {
                if (!wait.stillWanted().getAsBoolean()) {
                    return Outcome.WITHDRAWN;
                }
                SendResult result = instance.vendor().send(message);
                slot.get().sent();
                return new Outcome(instance.name(), result == null ? null : result.vendorMessageId(), null, null, null);
            }
            catch (VendorException e) {
                slot.get().failed(e.getCategory());
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
            finally {
                slot.get().release();
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
