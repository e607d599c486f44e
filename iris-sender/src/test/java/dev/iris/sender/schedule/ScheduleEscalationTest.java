package dev.iris.sender.schedule;

import dev.iris.core.schedule.HandoffNotices;
import dev.iris.core.schedule.ScheduleDocument;
import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.testing.seed.SeedWriter.Notification;
import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static dev.iris.sender.testing.SenderFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in schedules in a real escalation: the schedule role lookup pages whoever is on call
 * at the sender's clock, a gap pages the plan's creator, and handoff notices go out through the
 * sender exactly once, across a restart and with two senders.
 */
final class ScheduleEscalationTest
{
    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor vendor;
    private ScheduleService schedules;
    private Instant firstHandoff;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        schedules = new ScheduleService(fixture.jdbi(), fixture.clock());
        // Weekly rotation of ops (alice, then bob) whose first handoff was an hour ago (UTC).
        firstHandoff = fixture.clock().instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        applyRotation(List.of("alice", "bob"));
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private void applyRotation(List<String> members)
    {
        schedules.apply("ops", new ScheduleDocument("ops", 60, List.of(new RotationSpec("weekly", "primary", "UTC",
                LocalDateTime.ofInstant(firstHandoff, ZoneOffset.UTC).toString(), "1w", "none", members))), "test", false);
    }

    private long oncallPlan()
    {
        return seed.plan(fixture, "oncall", Notification.of(1, "oncall-primary", seed.ops(), "high", "tpl", 0, 60));
    }

    @Test
    void roleLookupPagesWhoeverIsOnCallAtTheSendersClock()
    {
        Sender sender = fixture.senderWithSchedules(vendor);
        long plan = oncallPlan();

        long first = fixture.createIncident(plan, "app", "{\"title\": \"disk\", \"host\": \"db1\"}");
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(first))).containsExactly("alice");

        fixture.clock().advance(Duration.ofDays(7));
        long second = fixture.createIncident(plan, "app", "{\"title\": \"disk\", \"host\": \"db2\"}");
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(second))).containsExactly("bob");

        // An override for the next hour takes the page.
        schedules.addOverride("ops", ScheduleRole.PRIMARY, "carol", null, fixture.clock().instant().minusSeconds(1),
                fixture.clock().instant().plus(Duration.ofHours(1)), "test");
        fixture.clock().advanceSeconds(10);
        long third = fixture.createIncident(plan, "app", "{\"title\": \"disk\", \"host\": \"db3\"}");
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(third))).containsExactly("carol");
    }

    @Test
    void gapPagesThePlanCreatorInstead()
    {
        applyRotation(List.of());
        Sender sender = fixture.senderWithSchedules(vendor);
        long incident = fixture.createIncident(oncallPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");
        runUntilIdle(sender);

        // alice created the plan (StandardSeed): the creator fallback applies to a schedule gap.
        List<Message> messages = fixture.messages(incident);
        assertThat(targets(messages)).containsExactly("alice");
        assertThat(messages.get(0).priority()).isEqualTo("low");
    }

    @Test
    void handoffNoticesAreCreatedExactlyOnceAcrossASenderRestart()
    {
        // bob's first week starts at firstHandoff + 7 days; the lead time is 60 minutes.
        Instant bobStarts = firstHandoff.plus(Duration.ofDays(7));
        HandoffNotices before = new HandoffNotices(fixture.jdbi(), fixture.clock(), "iris", "low", Duration.ofSeconds(30));
        fixture.clock().advance(Duration.between(fixture.clock().instant(), bobStarts.minus(Duration.ofMinutes(61))));
        assertThat(before.createDue()).isZero();

        fixture.clock().advance(Duration.ofMinutes(2));
        assertThat(before.createDue()).isEqualTo(1);
        assertThat(before.createDue()).isZero();

        // The sender restarts (a new notice task and a new sender), and a second sender runs too.
        HandoffNotices restarted = new HandoffNotices(fixture.jdbi(), fixture.clock(), "iris", "low", Duration.ofSeconds(30));
        HandoffNotices other = new HandoffNotices(fixture.jdbi(), fixture.clock(), "iris", "low", Duration.ofSeconds(30));
        assertThat(restarted.createDue()).isZero();
        assertThat(other.createDue()).isZero();

        fixture.clock().advance(Duration.ofMinutes(60));
        assertThat(restarted.createDue() + other.createDue()).isEqualTo(1);
        assertThat(restarted.createDue() + other.createDue()).isZero();

        Sender sender = fixture.senderWithSchedules(vendor);
        runUntilIdle(sender);
        assertThat(vendor.sent()).extracting(OutboundMessage::destination).containsExactlyInAnyOrder("bob@example.com", "alice@example.com");
        assertThat(vendor.sent()).extracting(OutboundMessage::subject).anySatisfy(subject -> assertThat(subject)
                .contains("You are on call for ops (primary) in"));
        assertThat(vendor.sent()).extracting(OutboundMessage::subject).anySatisfy(subject -> assertThat(subject)
                .contains("Your on-call shift for ops (primary) ended"));
        assertThat(fixture.allMessages()).extracting(Message::status).containsOnly("sent");
    }
}
