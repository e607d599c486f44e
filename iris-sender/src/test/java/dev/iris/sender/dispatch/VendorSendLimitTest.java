package dev.iris.sender.dispatch;

import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

final class VendorSendLimitTest
{
    private static final Duration NO_WAIT = Duration.ZERO;

    @Test
    void aColdVendorGetsTheInitialLimitOfSendsAtOnceAndTheNextOneWaits()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        List<VendorSendLimit.Slot> slots = take(limit, VendorSendLimit.INITIAL);
        assertThat(slots).hasSize(VendorSendLimit.INITIAL);
        assertThat(limit.inFlight()).isEqualTo(VendorSendLimit.INITIAL);

        long start = System.nanoTime();
        assertThat(limit.acquire(Duration.ofMillis(200))).as("a send over the limit waits, and gives up after its wait").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void aWaitingSendStartsWhenASendComesBack()
            throws Exception
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        List<VendorSendLimit.Slot> slots = take(limit, VendorSendLimit.INITIAL);
        CompletableFuture<Optional<VendorSendLimit.Slot>> waiting = CompletableFuture.supplyAsync(() -> limit.acquire(Duration.ofSeconds(20)));
        assertThat(Deadline.after(Duration.ofSeconds(10)).await(() -> limit.waiting() == 1, Duration.ofMillis(5)))
                .as("the send queues for a place").isTrue();
        assertThat(waiting).isNotDone();

        slots.get(0).failed(Category.PERMANENT);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void sendsThatComeBackWellWhileTheLimitIsBusyRaiseIt()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        for (int round = 0; round < 5; round++) {
            take(limit, limit.limit()).forEach(VendorSendLimit.Slot::sent);
        }
        assertThat(limit.limit()).isGreaterThan(VendorSendLimit.INITIAL * 2);
        assertThat(take(limit, limit.limit())).as("every slot of the raised limit is usable at once").hasSize(limit.limit());
    }

    @Test
    void aQuietVendorDoesNotRaiseTheLimit()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        for (int i = 0; i < 100; i++) {
            take(limit, 1).get(0).sent();
        }
        assertThat(limit.limit()).as("one send at a time never uses half of the limit").isEqualTo(VendorSendLimit.INITIAL);
    }

    @Test
    void theLimitNeverPassesTheSendThreads()
    {
        VendorSendLimit limit = new VendorSendLimit(30);
        for (int round = 0; round < 20; round++) {
            take(limit, limit.limit()).forEach(VendorSendLimit.Slot::sent);
        }
        assertThat(limit.limit()).isEqualTo(30);
        assertThat(take(limit, 31)).hasSize(30);
    }

    @Test
    void transientFailuresLowerTheLimitDownToTheMinimumAndTheSlotsFollow()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        List<VendorSendLimit.Slot> slots = take(limit, VendorSendLimit.INITIAL);
        slots.get(0).failed(Category.TRANSIENT);
        assertThat(limit.limit()).isEqualTo(VendorSendLimit.INITIAL * 9 / 10);
        assertThat(limit.acquire(NO_WAIT)).as("19 still in flight against a limit of 18").isEmpty();

        slots.subList(1, slots.size()).forEach(slot -> slot.failed(Category.TRANSIENT));
        assertThat(limit.limit()).isEqualTo(VendorSendLimit.MIN);
        assertThat(limit.inFlight()).isZero();
        assertThat(take(limit, VendorSendLimit.MIN + 1)).hasSize(VendorSendLimit.MIN);
    }

    @Test
    void permanentAndConfigurationFailuresAndUnusedSlotsLeaveTheLimitAlone()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        List<VendorSendLimit.Slot> slots = take(limit, 3);
        slots.get(0).failed(Category.PERMANENT);
        slots.get(1).failed(Category.CONFIGURATION);
        slots.get(2).release();
        assertThat(limit.limit()).isEqualTo(VendorSendLimit.INITIAL);
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void aSlotIsGivenBackOnceHoweverOftenItIsReleased()
    {
        VendorSendLimit limit = new VendorSendLimit(512);
        VendorSendLimit.Slot slot = take(limit, 1).get(0);
        slot.sent();
        slot.release();
        slot.failed(Category.TRANSIENT);
        assertThat(limit.limit()).as("the failure after the send was not counted").isEqualTo(VendorSendLimit.INITIAL);
        assertThat(limit.inFlight()).isZero();
        assertThat(take(limit, VendorSendLimit.INITIAL + 1)).as("no extra slot was made").hasSize(VendorSendLimit.INITIAL);
    }

    private static List<VendorSendLimit.Slot> take(VendorSendLimit limit, int count)
    {
        List<VendorSendLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<VendorSendLimit.Slot> slot = limit.acquire(NO_WAIT);
            if (slot.isEmpty()) {
                break;
            }
            slots.add(slot.get());
        }
        return slots;
    }
}
