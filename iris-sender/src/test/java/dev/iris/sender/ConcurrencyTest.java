package dev.iris.sender;

import dev.iris.sender.dispatch.ClaimDao;
import dev.iris.sender.dispatch.ClaimedMessage;
import dev.iris.sender.dispatch.DueMessageDao;
import dev.iris.sender.dispatch.VendorSendLimit;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.testing.Deadline;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ConcurrencyTest
{
    private SenderFixture fixture;
    private StandardSeed seed;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void twoSendersOnOneDatabaseNeitherDuplicateNorLose()
            throws Exception
    {
        runSenders(2);
    }

    @Test
    void threeSendersOnOneDatabaseNeitherDuplicateNorLose()
            throws Exception
    {
        runSenders(3);
    }

    private void runSenders(int count)
            throws Exception
    {
        long plan = seed.plan(fixture, "busy",
                Notification.of(1, "team", seed.ops(), "medium", "tpl", 1, 30),
                Notification.of(2, "user", seed.carol(), "medium", "tpl", 0, 30));
        int incidents = 60;
        for (int i = 0; i < incidents; i++) {
            fixture.createIncident(plan, "app", "{\"title\": \"i" + i + "\"}");
        }
        TestingVendor vendor = new TestingVendor("shared", Set.copyOf(StandardSeed.MODES));
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            senders.add(fixture.sender(vendor));
        }
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            // Round 0 to the team, round 1 thirty seconds later, then carol, then exhaustion.
            for (int phase = 0; phase < 4; phase++) {
                for (int repeat = 0; repeat < 2; repeat++) {
                    List<Future<?>> running = new ArrayList<>();
                    for (Sender sender : senders) {
                        running.add(threads.submit(() -> runUntilIdle(sender)));
                    }
                    for (Future<?> future : running) {
                        future.get();
                    }
                }
                fixture.clock().advanceSeconds(30);
            }
        }
        finally {
            threads.shutdownNow();
        }

        List<Message> messages = fixture.allMessages();
        assertThat(messages).hasSize(incidents * 5);
        assertThat(messages).extracting(Message::status).containsOnly("sent");
        Map<Long, Long> sendsPerMessage = vendor.sent().stream()
                .collect(Collectors.groupingBy(OutboundMessage::messageId, Collectors.counting()));
        assertThat(sendsPerMessage).hasSize(incidents * 5);
        assertThat(sendsPerMessage.values()).containsOnly(1L);
        int active = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM incident WHERE active = 1").mapTo(Integer.class).one());
        assertThat(active).isZero();
    }

    @Test
    void aSenderKilledAfterClaimingAMessageIsReplacedAfterTheDeadline()
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", "{}");
        TestingVendor vendor = new TestingVendor("shared", Set.copyOf(StandardSeed.MODES));
        Sender doomed = fixture.sender(vendor);
        Sender survivor = fixture.sender(vendor);

        doomed.escalation().processDue(10);
        List<ClaimedMessage> claimed = doomed.dispatcher().claimDue(10);
        assertThat(claimed).hasSize(1);
        // The doomed sender dies here, before calling the vendor.

        runUntilIdle(survivor);
        assertThat(vendor.attempts()).isEmpty();
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("sending");

        fixture.clock().advance(SenderFixture.SETTINGS.sendDeadline());
        runUntilIdle(survivor);
        assertThat(vendor.sent()).hasSize(1);
        assertThat(fixture.messages(incident)).singleElement()
                .satisfies(message -> {
                    assertThat(message.status()).isEqualTo("sent");
                    assertThat(message.attempts()).isEqualTo(2);
                });

        // The doomed sender's late report cannot overwrite the newer attempt's outcome.
        doomed.dispatcher().deliver(claimed.get(0));
        assertThat(fixture.messages(incident)).singleElement().extracting(Message::attempts).isEqualTo(2);
    }

    @Test
    void aSenderKilledDuringTheVendorCallMeansAtLeastOnceDelivery()
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", "{}");
        List<OutboundMessage> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Vendor dying = new RecordingVendor(delivered, true);
        Vendor healthy = new RecordingVendor(delivered, false);
        Sender doomed = fixture.sender(dying);
        Sender survivor = fixture.sender(healthy);

        doomed.escalation().processDue(10);
        List<ClaimedMessage> claimed = doomed.dispatcher().claimDue(10);
        // The vendor accepted the page, then the sender died before recording it.
        assertThatThrownBy(() -> doomed.dispatcher().deliver(claimed.get(0))).isInstanceOf(SenderDied.class);
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("sending");

        fixture.clock().advance(SenderFixture.SETTINGS.sendDeadline());
        runUntilIdle(survivor);
        // The page goes out again: duplicated rather than lost.
        assertThat(delivered).hasSize(2);
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("sent");
    }

    @Test
    void escalationWorkHeldByADyingSenderIsSkippedThenTakenOver()
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", "{}");
        TestingVendor vendor = new TestingVendor("shared", Set.copyOf(StandardSeed.MODES));
        Sender survivor = fixture.sender(vendor);

        try (Handle dying = fixture.jdbi().open()) {
            dying.begin();
            List<Long> held = dying.createQuery("SELECT incident_id FROM escalation_work FOR UPDATE SKIP LOCKED").mapTo(Long.class).list();
            assertThat(held).containsExactly(incident);

            assertThat(survivor.escalation().processDue(10)).isZero();
            assertThat(fixture.messages(incident)).isEmpty();
            // The connection drops without a commit.
            dying.rollback();
        }
        runUntilIdle(survivor);
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("sent");
    }

    @Test
    void noMessageStartsSendingWhileAClaimIsCommittingOrAfterIt()
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", "{}");
        TestingVendor vendor = new TestingVendor("shared", Set.copyOf(StandardSeed.MODES));
        Sender sender = fixture.sender(vendor);
        sender.escalation().processDue(10);

        try (Handle claim = fixture.jdbi().open()) {
            claim.begin();
            // ClaimService's first statement locks the incident row.
            claim.execute("UPDATE incident SET active = 0, owner_id = ? WHERE id = ?", seed.bob(), incident);
            assertThat(sender.dispatcher().claimDue(10)).isEmpty();
            claim.execute("UPDATE message SET `status` = 'cancelled', active = 0 WHERE incident_id = ? AND `status` = 'queued'", incident);
            claim.commit();
        }
        runUntilIdle(sender);
        assertThat(vendor.attempts()).isEmpty();
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("cancelled");
    }

    /**
     * A claim pass holds its transaction open while it prepares its messages (in a storm, waiting
     * for the aggregation row of the key). It must hold only the rows it claims: recording the
     * send of a message an earlier pass claimed must not wait for it. The snapshot kept open here
     * stops purge from removing the message's old "queued" index entry, as a busy server's purge
     * lag does. A second pass skips the message the first one holds.
     */
    @Test
    void aClaimPassInProgressDoesNotHoldUpRecordingAnotherMessagesSend()
            throws Exception
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        long first = fixture.createIncident(plan, "app", "{}");
        long second = fixture.createIncident(plan, "app", "{}");
        TestingVendor vendor = new TestingVendor("shared", Set.copyOf(StandardSeed.MODES));
        Sender sender = fixture.sender(vendor);
        sender.escalation().processDue(10);
        long secondMessage = fixture.messages(second).get(0).id();
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        try (Handle snapshot = fixture.jdbi().open(); Handle pass = fixture.jdbi().open()) {
            snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            snapshot.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            snapshot.createQuery("SELECT COUNT(*) FROM message").mapTo(Long.class).one();

            List<ClaimedMessage> claimed = sender.dispatcher().claimDue(1);
            assertThat(claimed).extracting(message -> message.row().incidentId()).containsExactly(first);

            pass.begin();
            ClaimDao dao = pass.attach(ClaimDao.class);
            java.time.Instant now = fixture.clock().instant();
            assertThat(dao.lockQueued(pass.attach(DueMessageDao.class).dueQueued(now, 3), now, 1)).containsExactly(secondMessage);
            try (Handle other = fixture.jdbi().open()) {
                other.begin();
                ClaimDao otherDao = other.attach(ClaimDao.class);
                assertThat(otherDao.lockQueued(other.attach(DueMessageDao.class).dueQueued(now, 3), now, 1)).as("held by the first pass: skipped").isEmpty();
                other.rollback();
            }

            Future<?> recording = recorder.submit(() -> sender.dispatcher().deliver(claimed.get(0)));
            try {
                recording.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            finally {
                pass.rollback();
                // Opened by a statement, not by Jdbi, so ended by one.
                snapshot.execute("ROLLBACK");
            }
        }
        finally {
            recorder.shutdownNow();
        }
        assertThat(fixture.messages(first)).extracting(Message::status).containsExactly("sent");
    }

    /**
     * A cold sender with many pages for one vendor starts only the vendor's initial limit of
     * sends at once; the page that waited for a place longer than the last look's threshold (on
     * the sender's clock) reads its incident again and, claimed meanwhile, is cancelled instead of
     * sent.
     */
    @Test
    void aPageWaitingForItsVendorsLimitIsNotSentOnceItsIncidentIsClaimed()
            throws Exception
    {
        long plan = seed.plan(fixture, "one", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 600));
        int pages = VendorSendLimit.INITIAL + 1;
        List<Long> incidents = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            incidents.add(fixture.createIncident(plan, "app", "{}"));
        }
        GateVendor vendor = new GateVendor();
        Sender sender = fixture.sender(vendor);
        sender.escalation().processDue(pages);
        List<ClaimedMessage> claimed = sender.dispatcher().claimDue(pages);
        assertThat(claimed).hasSize(pages);
        long waitingIncident = claimed.get(pages - 1).row().incidentId();

        ExecutorService sends = Executors.newFixedThreadPool(pages);
        try {
            List<Future<?>> delivering = new ArrayList<>();
            for (ClaimedMessage message : claimed.subList(0, pages - 1)) {
                delivering.add(sends.submit(() -> sender.dispatcher().deliver(message)));
            }
            assertThat(until(() -> vendor.inFlight() == pages - 1)).as("the first sends reach the vendor").isTrue();
            delivering.add(sends.submit(() -> sender.dispatcher().deliver(claimed.get(pages - 1))));
            assertThat(until(() -> gauge(sender, "iris.sender.vendor." + GateVendor.class.getSimpleName() + ".waiting") == 1)).as("the last send waits for a place").isTrue();
            assertThat(vendor.maxInFlight()).as("sends at the vendor at once on a cold sender").isEqualTo(pages - 1);

            fixture.claim(waitingIncident, seed.bob());
            fixture.clock().advanceSeconds(1);
            vendor.open();
            for (Future<?> future : delivering) {
                future.get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        finally {
            sends.shutdownNow();
        }
        assertThat(vendor.incidentsSent()).hasSize(pages - 1).doesNotContain(waitingIncident);
        assertThat(fixture.messages(waitingIncident)).extracting(Message::status).containsExactly("cancelled");
    }

    private static boolean until(java.util.function.BooleanSupplier condition)
    {
        return Deadline.after(java.time.Duration.ofSeconds(20)).await(condition, java.time.Duration.ofMillis(5));
    }

    private static int gauge(Sender sender, String name)
    {
        com.codahale.metrics.Gauge<?> gauge = sender.metrics().registry().getGauges().get(name);
        return gauge == null ? -1 : ((Number) gauge.getValue()).intValue();
    }

    /**
     * Holds every send until opened, and counts the sends it holds.
     */
    private static final class GateVendor
            implements Vendor
    {
        private final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        private final List<Long> incidentsSent = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Set<String> supportedModes()
        {
            return Set.copyOf(StandardSeed.MODES);
        }

        @Override
        public SendResult send(OutboundMessage message)
        {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (!gate.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate was never opened");
                }
                incidentsSent.add(message.incidentId());
                return SendResult.accepted();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            finally {
                inFlight.decrementAndGet();
            }
        }

        int inFlight()
        {
            return inFlight.get();
        }

        int maxInFlight()
        {
            return maxInFlight.get();
        }

        void open()
        {
            gate.countDown();
        }

        List<Long> incidentsSent()
        {
            return List.copyOf(incidentsSent);
        }
    }

    /**
     * An Error, like the death of the process: nothing in the sender may catch it.
     */
    private static final class SenderDied
            extends Error
    {
        SenderDied()
        {
            super("the sender process died");
        }
    }

    private record RecordingVendor(List<OutboundMessage> delivered, boolean dieAfterSending)
            implements Vendor
    {
        @Override
        public Set<String> supportedModes()
        {
            return Set.copyOf(StandardSeed.MODES);
        }

        @Override
        public SendResult send(OutboundMessage message)
        {
            delivered.add(message);
            if (dieAfterSending) {
                throw new SenderDied();
            }
            return SendResult.accepted();
        }
    }
}
