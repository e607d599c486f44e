package dev.iris.sender.testing;

import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor that records what it was asked to send and fails on demand: queue failures with
 * {@link #failNext} (used in order, one per call) or make it fail always with {@link #failAlways}.
 */
public final class TestingVendor
        implements Vendor
{
    private final String name;
    private final Set<String> modes;
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final List<OutboundMessage> attempts = new CopyOnWriteArrayList<>();
    private final Deque<VendorException.Category> failures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile VendorException.Category alwaysFail;
    private volatile Random random;
    private volatile double failureFraction;

    public TestingVendor(String name, Set<String> modes)
    {
        this.name = name;
        this.modes = Set.copyOf(modes);
    }

    public String name()
    {
        return name;
    }

    public void failNext(VendorException.Category... categories)
    {
        failures.addAll(List.of(categories));
    }

    public void failAlways(VendorException.Category category)
    {
        alwaysFail = category;
    }

    /**
     * Fails about {@code fraction} of the sends transiently, in a sequence fixed by {@code seed}.
     */
    public void failTransientlyAtRandom(double fraction, long seed)
    {
        random = new Random(seed);
        failureFraction = fraction;
    }

    @Override
    public Set<String> supportedModes()
    {
        return modes;
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        attempts.add(message);
        VendorException.Category failure = failures.poll();
        if (failure == null) {
            failure = alwaysFail;
        }
        Random failures = random;
        if (failure == null && failures != null) {
            synchronized (failures) {
                if (failures.nextDouble() < failureFraction) {
                    failure = VendorException.Category.TRANSIENT;
                }
            }
        }
        if (failure != null) {
            throw new VendorException(failure, name + " refused message " + message.messageId() + " (" + failure + ")");
        }
        sent.add(message);
        return SendResult.accepted(name + "-" + counter.incrementAndGet());
    }

    public List<OutboundMessage> sent()
    {
        return new ArrayList<>(sent);
    }

    public List<OutboundMessage> attempts()
    {
        return new ArrayList<>(attempts);
    }
}
