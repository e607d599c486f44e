package dev.iris.sender.escalation;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static dev.iris.sender.testing.SenderFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

final class EscalationTest
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

    private long twoStepPlan()
    {
        return seed.plan(fixture, "two-steps",
                Notification.of(1, "user", seed.alice(), "high", "tpl", 2, 60),
                Notification.of(2, "team", seed.ops(), "medium", "tpl", 0, 120));
    }

    @Test
    void repeatsRoundsWaitApartThenEscalatesThenExhausts()
    {
        long incident = fixture.createIncident(twoStepPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");

        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("alice");
        assertThat(vendor.sent()).hasSize(1);

        fixture.clock().advanceSeconds(59.9);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).hasSize(1);

        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).extracting(Message::round).containsExactly(0, 1);

        fixture.clock().advanceSeconds(60);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).extracting(Message::round).containsExactly(0, 1, 2);

        // The last round was sent; the step ends one wait later.
        fixture.clock().advanceSeconds(59.9);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).hasSize(3);
        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("alice", "alice", "alice", "alice", "bob");
        assertThat(currentStep(incident)).isEqualTo(2);
        assertThat(fixture.incidentActive(incident)).isTrue();

        fixture.clock().advanceSeconds(119.9);
        runUntilIdle(sender);
        assertThat(fixture.incidentActive(incident)).isTrue();
        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(fixture.incidentActive(incident)).isFalse();
        assertThat(owner(incident)).isNull();
        assertThat(workRows(incident)).isZero();
        assertThat(fixture.eventKinds(incident)).contains("escalated", "exhausted");
        assertThat(fixture.messages(incident)).allMatch(message -> message.status().equals("sent"));
        assertThat(vendor.sent()).hasSize(5);
    }

    @Test
    void schedulesTheWorkRowAtTheExactDueTime()
    {
        long incident = fixture.createIncident(twoStepPlan(), "app", "{}");
        Instant start = fixture.clock().instant();
        runUntilIdle(sender);
        assertThat(dueAt(incident)).isEqualTo(start.plusSeconds(60));

        fixture.clock().advanceSeconds(60.25);
        runUntilIdle(sender);
        assertThat(dueAt(incident)).isEqualTo(start.plusMillis(60_250).plusSeconds(60));
    }

    @Test
    void processingTheSameDueWorkTwiceCreatesNoDuplicates()
    {
        long incident = fixture.createIncident(twoStepPlan(), "app", "{}");
        sender.escalation().processDue(10);
        // Force the work row due again, as after a crash between commit and reschedule would not, to
        // prove the round bookkeeping alone prevents a second round 0.
        fixture.jdbi().useHandle(handle -> handle.execute("UPDATE escalation_work SET due_at = ? WHERE incident_id = ?",
                fixture.clock().instant(), incident));
        sender.escalation().processDue(10);
        assertThat(fixture.messages(incident)).hasSize(1);
    }

    @Test
    void claimInTheMiddleOfAStepStopsPagingAndUnclaimResumes()
    {
        long incident = fixture.createIncident(twoStepPlan(), "app", "{}");
        runUntilIdle(sender);
        fixture.clock().advanceSeconds(60);
        // Round 1 is created but not yet sent when the claim commits.
        sender.escalation().processDue(10);
        fixture.claim(incident, seed.bob());
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).extracting(Message::status).containsExactly("sent", "cancelled");
        assertThat(vendor.sent()).hasSize(1);

        fixture.clock().advanceSeconds(600);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).hasSize(2);

        fixture.unclaim(incident);
        runUntilIdle(sender);
        // Round 1 was already fired (then cancelled), so escalation resumes with round 2.
        assertThat(fixture.messages(incident)).extracting(Message::round).containsExactly(0, 1, 2);
        assertThat(vendor.sent()).hasSize(2);
    }

    @Test
    void dynamicPlanPagesTheIncidentsOwnTargets()
    {
        long plan = seed.plan(fixture, "dynamic", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 60));
        fixture.jdbi().useHandle(handle -> handle.execute(
                "UPDATE plan_notification SET target_id = NULL, role_id = NULL, dynamic_index = 0 WHERE plan_id = ?", plan));
        long incident = fixture.createIncident(plan, "app", "{}", Map.of(0, new String[] {"team", "ops"}));
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void pagesThePlanCreatorWhenARoleResolvesToNobody()
    {
        long empty = fixture.seed(writer -> writer.team("empty-team", List.of()));
        long plan = seed.plan(fixture, "nobody", Notification.of(1, "team", empty, "urgent", "tpl", 0, 60));
        long incident = fixture.createIncident(plan, "app", "{\"title\": \"t\"}");
        runUntilIdle(sender);

        List<Message> messages = fixture.messages(incident);
        assertThat(targets(messages)).containsExactly("alice");
        assertThat(messages.get(0).priority()).isEqualTo("low");
        assertThat(messages.get(0).body()).startsWith("You are receiving this as you created this plan and we can't resolve team of empty-team at this time");
        assertThat(fixture.audit(messages.get(0).id())).extracting(SenderFixture.Audit::changeType).contains("target-change");
        assertThat(vendor.sent().get(0).body()).startsWith("You are receiving this as you created this plan");
    }

    @Test
    void optionalNotificationWithNobodyIsSkippedButTheStepStillTimesOut()
    {
        long empty = fixture.seed(writer -> writer.team("empty-team", List.of()));
        long plan = fixture.seed(writer -> writer.plan("optional", seed.alice(), "", List.of(
                new Notification(1, "team", empty, "high", "tpl", 0, 30, true),
                Notification.of(2, "user", seed.bob(), "high", "tpl", 0, 30)), 0, 0, 0, 0));
        long incident = fixture.createIncident(plan, "app", "{}");
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).isEmpty();
        fixture.clock().advanceSeconds(30);
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("bob");
    }

    @Test
    void inactiveUsersAreNotPaged()
    {
        fixture.jdbi().useHandle(handle -> handle.execute("UPDATE target SET active = 0 WHERE id = ?", seed.bob()));
        long plan = seed.plan(fixture, "team", Notification.of(1, "team", seed.ops(), "high", "tpl", 0, 60));
        long incident = fixture.createIncident(plan, "app", "{}");
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("alice");
    }

    @Test
    void sendsTheTrackingNotificationOnce()
    {
        long plan = twoStepPlan();
        fixture.jdbi().useHandle(handle -> handle.execute(
                "UPDATE plan SET tracking_type = 'email', tracking_key = 'track@example.com', tracking_template = ? WHERE id = ?",
                "{\"app\": {\"email_subject\": \"tracking {{ iris.incident_id }}\", \"email_text\": \"{{ title }}\"}}", plan));
        long incident = fixture.createIncident(plan, "app", "{\"title\": \"cpu\"}");
        runUntilIdle(sender);
        fixture.clock().advanceSeconds(60);
        runUntilIdle(sender);
        assertThat(vendor.sent()).filteredOn(message -> message.destination().equals("track@example.com"))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.subject()).isEqualTo("tracking " + incident);
                    assertThat(message.body()).isEqualTo("cpu");
                });
    }

    private int currentStep(long incident)
    {
        return fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT current_step FROM incident WHERE id = :id")
                .bind("id", incident).mapTo(Integer.class).one());
    }

    private Long owner(long incident)
    {
        return fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT owner_id FROM incident WHERE id = :id")
                .bind("id", incident).mapTo(Long.class).findOne().orElse(null));
    }

    private int workRows(long incident)
    {
        return fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM escalation_work WHERE incident_id = :id")
                .bind("id", incident).mapTo(Integer.class).one());
    }

    private Instant dueAt(long incident)
    {
        return fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT due_at FROM escalation_work WHERE incident_id = :id")
                .bind("id", incident).mapTo(Instant.class).one());
    }
}
