package dev.iris.sender;

import dev.iris.sender.dispatch.ClaimedMessage;
import dev.iris.sender.dispatch.VendorSendLimit;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.StatementCounter;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the database statements a batch of messages costs in each phase (escalation pass, claim
 * pass, delivery with its outcome record), counted as the server counts them, so a change that
 * goes back to a statement per message fails here rather than only in the benchmark.
 */
final class StatementsPerMessageTest
{
    private static final Logger log = LoggerFactory.getLogger(StatementsPerMessageTest.class);
    private static final int MESSAGES = 50;

    private SenderFixture fixture;
    private StandardSeed seed;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.counting();
        seed = StandardSeed.load(fixture);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void aBatchOfMessagesCostsFewStatementsPerMessageInEachPhase()
            throws Exception
    {
        // As in the benchmark: one step, one user, no repeat, quota counted.
        long plan = seed.plan(fixture, "one-step", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 0));
        fixture.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold, hard_quota_duration,
                                               soft_quota_duration, plan_name, target_id, wait_time)
                VALUES (?, 100000, 100000, 60, 60, NULL, NULL, 600)""", seed.app()));
        for (int i = 0; i < MESSAGES; i++) {
            fixture.createIncident(plan, "app", "{\"title\": \"i" + i + "\", \"host\": \"h" + i + "\"}");
        }
        // As many at once as a cold sender lets one vendor have in flight.
        AllAtOnceVendor vendor = new AllAtOnceVendor(Math.min(MESSAGES, VendorSendLimit.INITIAL));
        Sender sender = fixture.sender(vendor);
        // Caches warm (modes, plans, templates), as in a running sender.
        StatementCounter.drain();

        assertThat(sender.escalation().processDue(100)).isEqualTo(MESSAGES);
        List<String> escalation = StatementCounter.drain();

        List<ClaimedMessage> claimed = sender.dispatcher().claimDue(MESSAGES);
        assertThat(claimed).hasSize(MESSAGES);
        List<String> claim = StatementCounter.drain();

        ExecutorService sends = Executors.newFixedThreadPool(MESSAGES);
        try {
            List<Future<?>> delivered = new ArrayList<>();
            for (ClaimedMessage message : claimed) {
                delivered.add(sends.submit(() -> sender.dispatcher().deliver(message)));
            }
            for (Future<?> future : delivered) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            sends.shutdownNow();
        }
        List<String> delivery = StatementCounter.drain();

        assertThat(vendor.calls.get()).isEqualTo(MESSAGES);
        assertThat(fixture.allMessages()).extracting(SenderFixture.Message::status).containsOnly("sent").hasSize(MESSAGES);
        long recorded = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM generic_message_sent_status WHERE status = 1")
                .mapTo(Long.class).one());
        assertThat(recorded).isEqualTo(MESSAGES);

        report("escalation", escalation);
        report("claim", claim);
        report("delivery", delivery);
        // Before issue 18's batching: escalation 1.4 statements per message (an UPDATE of each
        // incident), claim 3.2 (the person's modes and contact read and the move to sending
        // written per message), delivery 2.2 (two autocommit statements per outcome).
        assertThat(escalation.size()).as("escalation statements for %s messages", MESSAGES).isLessThanOrEqualTo(MESSAGES * 6 / 10);
        assertThat(claim.size()).as("claim statements for %s messages", MESSAGES).isLessThanOrEqualTo(MESSAGES / 2);
        // Each outcome is still recorded by its own send thread (two autocommit statements).
        assertThat(delivery.size()).as("delivery statements for %s messages", MESSAGES).isLessThanOrEqualTo(MESSAGES * 5 / 2);
    }

    /**
     * Most looks of a sender that keeps up find nothing: they read, and open no transaction.
     */
    @Test
    void aClaimLookThatFindsNothingIsTwoReadsAndNoTransaction()
    {
        Sender sender = fixture.sender(new TestingVendor("test", Set.copyOf(StandardSeed.MODES)));
        StatementCounter.drain();
        assertThat(sender.dispatcher().claimDue(MESSAGES)).isEmpty();
        assertThat(StatementCounter.drain()).hasSize(2).allSatisfy(statement -> assertThat(statement).startsWith("SELECT id FROM message"));
    }

    @Test
    void outcomesKeepTheirVendorIdsAndDeliveryStatuses()
            throws Exception
    {
        // alice is paged by SMS (callbacks track it by the vendor's id), carol by email.
        long plan = seed.plan(fixture, "two", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 0),
                Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 0));
        fixture.createIncident(plan, "app", "{\"title\": \"t\", \"host\": \"h\"}");
        AllAtOnceVendor vendor = new AllAtOnceVendor(2);
        Sender sender = fixture.sender(vendor);
        sender.escalation().processDue(10);
        List<ClaimedMessage> claimed = sender.dispatcher().claimDue(10);
        assertThat(claimed).extracting(ClaimedMessage::mode).containsExactlyInAnyOrder("sms", "email");
        ExecutorService sends = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> delivered = new ArrayList<>();
            claimed.forEach(message -> delivered.add(sends.submit(() -> sender.dispatcher().deliver(message))));
            for (Future<?> future : delivered) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            sends.shutdownNow();
        }

        assertThat(fixture.allMessages()).extracting(SenderFixture.Message::status).containsOnly("sent");
        long sms = claimed.stream().filter(message -> message.mode().equals("sms")).findFirst().orElseThrow().id();
        long email = claimed.stream().filter(message -> message.mode().equals("email")).findFirst().orElseThrow().id();
        fixture.jdbi().useHandle(handle -> {
            assertThat(handle.createQuery("SELECT twilio_sid FROM twilio_delivery_status WHERE message_id = :id").bind("id", sms)
                    .mapTo(String.class).list()).containsExactly("all-at-once-" + sms);
            assertThat(handle.createQuery("SELECT message_id FROM generic_message_sent_status WHERE status = 1").mapTo(Long.class).list())
                    .containsExactly(email);
            assertThat(handle.createQuery("SELECT vendor_message_id FROM message WHERE id = :id").bind("id", email).mapTo(String.class).one())
                    .isEqualTo("all-at-once-" + email);
        });
    }

    /**
     * The batched writes must lock only their own rows: a row another transaction holds (a claim
     * committing, another sender's pass) must not hold up a pass or a record about other rows.
     */
    @Test
    void batchedWritesWaitForNoRowButTheirOwn()
            throws Exception
    {
        long plan = seed.plan(fixture, "repeating", Notification.of(1, "user", seed.carol(), "medium", "tpl", 1, 60));
        long held = fixture.createIncident(plan, "app", "{}");
        long free = fixture.createIncident(plan, "app", "{}");
        Sender sender = fixture.sender(new AllAtOnceVendor(1));
        ExecutorService pass = Executors.newSingleThreadExecutor();
        try (org.jdbi.v3.core.Handle other = fixture.jdbi().open()) {
            other.begin();
            other.createQuery("SELECT incident_id FROM escalation_work WHERE incident_id = :id FOR UPDATE").bind("id", held).mapTo(Long.class).one();
            // Escalates the free incident and reschedules its work row for round 1.
            assertThat(pass.submit(() -> sender.escalation().processDue(10)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            other.rollback();
            assertThat(pass.submit(() -> sender.escalation().processDue(10)).get(10, TimeUnit.SECONDS)).isEqualTo(1);

            other.begin();
            other.createQuery("SELECT id FROM message WHERE incident_id = :id FOR UPDATE").bind("id", held).mapTo(Long.class).one();
            List<ClaimedMessage> claimed = pass.submit(() -> sender.dispatcher().claimDue(10)).get(10, TimeUnit.SECONDS);
            assertThat(claimed).extracting(message -> message.row().incidentId()).containsExactly(free);
            pass.submit(() -> sender.dispatcher().deliver(claimed.get(0))).get(10, TimeUnit.SECONDS);
            assertThat(fixture.messages(free)).extracting(SenderFixture.Message::status).containsExactly("sent");
            other.rollback();
        }
        finally {
            pass.shutdownNow();
        }
    }

    private static void report(String phase, List<String> statements)
    {
        Map<String, Integer> byKind = new TreeMap<>();
        statements.forEach(statement -> byKind.merge(statement.length() > 60 ? statement.substring(0, 60) : statement, 1, Integer::sum));
        log.info("{}: {} statements for {} messages ({} per message): {}", phase, statements.size(), MESSAGES,
                String.format("%.2f", statements.size() / (double) MESSAGES), byKind);
    }

    /**
     * Answers no send until the first {@code sends} are in flight, so their outcomes arrive
     * together as they do on a busy sender.
     */
    private static final class AllAtOnceVendor
            implements Vendor
    {
        private final CountDownLatch inFlight;
        private final AtomicInteger calls = new AtomicInteger();

        AllAtOnceVendor(int sends)
        {
            this.inFlight = new CountDownLatch(sends);
        }

        @Override
        public Set<String> supportedModes()
        {
            return Set.copyOf(StandardSeed.MODES);
        }

        @Override
        public SendResult send(OutboundMessage message)
                throws VendorException
        {
            calls.incrementAndGet();
            inFlight.countDown();
            try {
                if (!inFlight.await(30, TimeUnit.SECONDS)) {
                    throw new VendorException(VendorException.Category.TRANSIENT, "not all sends arrived");
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorException(VendorException.Category.TRANSIENT, "interrupted");
            }
            return SendResult.accepted("all-at-once-" + message.messageId());
        }
    }
}
