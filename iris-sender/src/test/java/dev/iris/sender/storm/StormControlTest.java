package dev.iris.sender.storm;

import dev.iris.sender.Sender;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Audit;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.StatementCounter;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

final class StormControlTest
{
    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor vendor;
    private Sender sender;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        sender = fixture.sender(vendor);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private long aggregatingPlan()
    {
        // More than 2 messages within 60 s start aggregation; batches close after 30 s; aggregation
        // ends after 120 s without a message.
        return fixture.seed(writer -> writer.plan("storm", seed.alice(), "", List.of(
                Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600)), 60, 2, 30, 120));
    }

    private List<Long> trigger(long plan, int count)
    {
        List<Long> incidents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            incidents.add(fixture.createIncident(plan, "app", "{\"title\": \"t" + i + "\"}"));
        }
        return incidents;
    }

    @Test
    void aggregatesAStormIntoOneBatchMessage()
    {
        long plan = aggregatingPlan();
        trigger(plan, 5);
        runUntilIdle(sender);
        // The first two go out; the other three are held in one batch.
        assertThat(vendor.sent()).hasSize(2);
        List<Message> held = fixture.allMessages().stream().filter(message -> message.batch() != null).toList();
        assertThat(held).hasSize(3).extracting(Message::batch).containsOnly(held.get(0).batch());
        assertThat(fixture.audit(held.get(0).id())).extracting(Audit::changeType).containsExactly("sent-change");

        fixture.clock().advanceSeconds(29.9);
        runUntilIdle(sender);
        assertThat(vendor.sent()).hasSize(2);

        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(vendor.sent()).hasSize(3);
        OutboundMessage batch = vendor.sent().get(2);
        String batchId = held.get(0).batch();
        assertThat(batch.subject()).isEqualTo("[app] 3 messages from plan storm");
        assertThat(batch.body()).isEqualTo("Batch ID: " + batchId);
        assertThat(batch.batchId()).isEqualTo(batchId);
        assertThat(batch.claimable()).isTrue();
        assertThat(fixture.allMessages()).filteredOn(message -> batchId.equals(message.batch()))
                .extracting(Message::status).containsExactlyInAnyOrder("sent", "suppressed", "suppressed");

        // Still aggregating (within aggregation_reset): the next message opens a new batch.
        fixture.clock().advanceSeconds(10);
        trigger(plan, 1);
        runUntilIdle(sender);
        assertThat(vendor.sent()).hasSize(3);

        // A single held message goes out as itself when its batch closes.
        fixture.clock().advanceSeconds(30);
        runUntilIdle(sender);
        assertThat(vendor.sent()).hasSize(4);
        assertThat(vendor.sent().get(3).batchId()).isNull();
        assertThat(vendor.sent().get(3).subject()).doesNotContain("messages from plan");

        // After aggregation_reset without messages, messages go out directly again.
        fixture.clock().advanceSeconds(200);
        trigger(plan, 1);
        runUntilIdle(sender);
        assertThat(vendor.sent()).hasSize(5);
    }

    @Test
    void theThresholdCountReadsTheKeyIndexAlone()
    {
        long plan = aggregatingPlan();
        trigger(plan, 5);
        runUntilIdle(sender);
        // Every first attempt runs this count: read from table rows it cost a storm to one person
        // a row read per message already in the window, for every new message (issue 18).
        List<java.util.Map<String, Object>> explained = fixture.jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + Aggregator.RECENT_MESSAGES)
                .bind("plan", plan).bind("target", seed.carol()).bind("application", seed.app()).bind("priority", 1)
                .bind("since", java.time.Instant.EPOCH).bind("id", Long.MAX_VALUE).bind("enough", 3)
                .mapToMap().list());
        assertThat(explained).filteredOn(row -> "message".equals(row.get("table")))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("key")).isEqualTo("ix_message_aggregation_key");
                    assertThat(String.valueOf(row.get("extra"))).contains("Using index");
                });
    }

    /**
     * A plan that never means to aggregate (threshold_count far above any storm) in a storm to one
     * person: the count up to the pass's newest message of the key answers for all of them, so a
     * pass runs one count, not one per message (each counting the whole window), and runs it
     * before it takes any lock.
     */
    @Test
    void aPassCountsAndLocksAKeyOnceWhenItsNewestMessageIsBelowTheThreshold()
    {
        fixture.close();
        fixture = SenderFixture.counting();
        seed = StandardSeed.load(fixture);
        sender = fixture.sender(vendor);
        long plan = fixture.seed(writer -> writer.plan("never-aggregates", seed.alice(), "", List.of(
                Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600)), 60, 100_000, 30, 120));
        trigger(plan, 20);
        assertThat(sender.escalation().processDue(100)).isEqualTo(20);
        StatementCounter.drain();

        assertThat(sender.dispatcher().claimDue(50)).hasSize(20);
        List<String> statements = StatementCounter.drain();
        assertThat(statements).filteredOn(statement -> statement.contains("SELECT COUNT(*) FROM (")).hasSize(1);
        // The count runs before the pass locks the key's aggregation row (or its incidents), so
        // the passes of a storm to one person do not wait for each other's counts.
        int count = indexOf(statements, "SELECT COUNT(*) FROM (");
        assertThat(count).isLessThan(indexOf(statements, "FROM aggregation_state"));
        assertThat(count).isLessThan(indexOf(statements, "AS stopped FROM incident"));
        // The key's state row is read once for the pass (and once more after creating it), not
        // once per message.
        assertThat(statements).filteredOn(statement -> statement.contains("FROM aggregation_state")).hasSize(2);
    }

    private static int indexOf(List<String> statements, String part)
    {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).replaceAll("\\s+", " ").contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no statement contains " + part + ": " + statements);
    }

    @Test
    void claimedMessagesLeaveTheBatch()
    {
        long plan = aggregatingPlan();
        List<Long> incidents = trigger(plan, 5);
        runUntilIdle(sender);
        fixture.claim(incidents.get(3), seed.bob());
        fixture.claim(incidents.get(4), seed.bob());
        fixture.clock().advanceSeconds(30);
        runUntilIdle(sender);
        // Only one held message remains, so it goes out on its own.
        assertThat(vendor.sent()).hasSize(3);
        assertThat(vendor.sent().get(2).batchId()).isNull();
        assertThat(fixture.messages(incidents.get(3))).extracting(Message::status).containsExactly("cancelled");
    }

    private void quota(int hard, int soft, String planName, Long target)
    {
        fixture.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold, hard_quota_duration,
                                               soft_quota_duration, plan_name, target_id, wait_time)
                VALUES (?, ?, ?, 60, 60, ?, ?, 600)""", seed.app(), hard, soft, planName, target));
    }

    @Test
    void hardQuotaDropsMessagesAndRaisesOneQuotaIncident()
    {
        long userPlan = seed.plan(fixture, "page-carol", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600));
        seed.plan(fixture, "quota-plan", Notification.of(1, "user", seed.bob(), "medium", "tpl", 0, 3600));
        fixture.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO template_content (template_id, application_id, mode_id, subject, body) "
                        + "SELECT ?, ?, id, 'quota', 'quota {{ quota_breach.application }}' FROM mode WHERE name <> 'drop'",
                seed.template(), seed.iris()));
        quota(3, 100, "quota-plan", null);

        trigger(userPlan, 5);
        runUntilIdle(sender);
        List<Message> carol = fixture.allMessages().stream().filter(message -> "carol".equals(message.target())).toList();
        assertThat(carol).extracting(Message::status).containsExactly("sent", "sent", "sent", "suppressed", "suppressed");
        assertThat(fixture.audit(carol.get(3).id())).extracting(Audit::description).contains("Dropping due to hard quota violation.");

        // One quota incident in the iris application, paging bob through the quota plan.
        List<Long> quotaIncidents = fixture.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT i.id FROM incident i JOIN application a ON a.id = i.application_id WHERE a.name = 'iris'""")
                .mapTo(Long.class).list());
        assertThat(quotaIncidents).hasSize(1);
        assertThat(vendor.sent()).filteredOn(message -> message.destination().equals("bob@example.com"))
                .singleElement()
                .satisfies(message -> assertThat(message.body()).isEqualTo("quota app"));

        // After the window the application may send again.
        fixture.clock().advanceSeconds(80);
        trigger(userPlan, 1);
        runUntilIdle(sender);
        assertThat(fixture.allMessages()).filteredOn(message -> "carol".equals(message.target())).last()
                .extracting(Message::status).isEqualTo("sent");
    }

    @Test
    void softQuotaStillSendsAndNoticesTheOwnersOnce()
    {
        fixture.seed(writer -> {
            writer.owner(seed.app(), seed.bob());
            return null;
        });
        long userPlan = seed.plan(fixture, "page-carol", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600));
        quota(100, 2, null, null);
        trigger(userPlan, 5);
        runUntilIdle(sender);
        assertThat(vendor.sent()).filteredOn(message -> message.destination().equals("carol@example.com")).hasSize(5);
        assertThat(vendor.sent()).filteredOn(message -> message.destination().equals("bob@example.com"))
                .singleElement()
                .satisfies(message -> assertThat(message.subject()).isEqualTo("[iris] Application app exceeding message quota"));
    }

    private long quotaIncidents()
    {
        return fixture.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM incident i JOIN application a ON a.id = i.application_id WHERE a.name = 'iris'""")
                .mapTo(Long.class).one());
    }

    @Test
    void applicationsWithoutAQuotaGetTheDefaultQuota()
    {
        fixture.seed(writer -> {
            writer.owner(seed.app(), seed.bob());
            return null;
        });
        long userPlan = seed.plan(fixture, "page-carol", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600));
        seed.plan(fixture, "quota-plan", Notification.of(1, "user", seed.bob(), "medium", "tpl", 0, 3600));
        DispatchRules rules = new DispatchRules(DispatchRules.IRIS_SMS_OVERRIDE_TEMPLATE, Optional.of(
                new DefaultQuota(3, 1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10), Optional.of("quota-plan"))));
        Sender limited = fixture.sender(rules, vendor);

        trigger(userPlan, 5);
        runUntilIdle(limited);
        List<Message> carol = fixture.allMessages().stream().filter(message -> "carol".equals(message.target())).toList();
        assertThat(carol).extracting(Message::status).containsExactly("sent", "sent", "sent", "suppressed", "suppressed");
        assertThat(fixture.audit(carol.get(4).id())).extracting(Audit::description).contains("Dropping due to hard quota violation.");
        // The default quota names a plan: one quota incident.
        assertThat(quotaIncidents()).isEqualTo(1);
        // It names no target: the two messages over the soft quota notice nobody, they are counted.
        assertThat(vendor.sent()).extracting(OutboundMessage::subject).noneMatch(subject -> subject.contains("exceeding message quota"));
        assertThat(limited.metrics().registry().counter("iris.sender.quota.soft-breach").getCount()).isEqualTo(2);

        // An application_quota row replaces the default (senders read quotas again within seconds;
        // a new sender reads them at once).
        fixture.clock().advanceSeconds(80);
        quota(100, 100, null, null);
        trigger(userPlan, 5);
        runUntilIdle(fixture.sender(rules, vendor));
        assertThat(fixture.allMessages()).filteredOn(message -> "carol".equals(message.target())).hasSize(10)
                .extracting(Message::status).endsWith("sent", "sent", "sent", "sent", "sent");
    }

    @Test
    void theDefaultQuotaWithoutAPlanOnlyDrops()
    {
        long userPlan = seed.plan(fixture, "page-carol", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 3600));
        Sender limited = fixture.sender(new DispatchRules(DispatchRules.IRIS_SMS_OVERRIDE_TEMPLATE, Optional.of(
                new DefaultQuota(2, 2, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10), Optional.empty()))), vendor);
        trigger(userPlan, 3);
        runUntilIdle(limited);
        assertThat(fixture.allMessages()).extracting(Message::status).containsExactly("sent", "sent", "suppressed");
        assertThat(quotaIncidents()).isZero();
    }
}
