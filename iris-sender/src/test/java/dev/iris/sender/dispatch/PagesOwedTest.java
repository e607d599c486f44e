package dev.iris.sender.dispatch;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a claim or a resolve cancels a page. An incident whose plan ran out is inactive with no
 * owner (nobody took it), and every page it already has is still owed.
 */
final class PagesOwedTest
{
    private static final String CONTEXT = "{\"title\": \"t\", \"host\": \"h\"}";

    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor sms;
    private TestingVendor email;
    private Sender sender;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        sms = new TestingVendor("sms", Set.of("sms"));
        email = new TestingVendor("email", Set.of("email"));
        sender = fixture.sender(sms, email);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void aLastStepWithoutWaitPagesEveryone()
    {
        long plan = seed.plan(fixture, "no-wait", Notification.of(1, "team", seed.ops(), "high", "tpl", 0, 0));
        long incident = fixture.createIncident(plan, "app", CONTEXT);

        runUntilIdle(sender);

        assertThat(fixture.eventKinds(incident)).containsExactly("created", "escalated", "exhausted");
        assertThat(fixture.incidentActive(incident)).isFalse();
        assertThat(fixture.messages(incident)).extracting(Message::target, Message::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("alice", "sent"), org.assertj.core.groups.Tuple.tuple("bob", "sent"));
        assertThat(sms.sent()).hasSize(2);
    }

    @Test
    void aRetryWaitingWhenThePlanRunsOutIsStillSent()
    {
        long plan = seed.plan(fixture, "short", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 15));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sms.failNext(Category.TRANSIENT, Category.TRANSIENT, Category.TRANSIENT);

        // Attempts at 0, 5 and 15 s fail; the plan runs out at 15 s; the retry at 35 s is sent.
        for (int second = 0; second <= 40; second++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(1);
        }

        assertThat(fixture.eventKinds(incident)).contains("exhausted");
        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> {
            assertThat(page.status()).isEqualTo("sent");
            assertThat(page.attempts()).isEqualTo(4);
        });
    }

    @Test
    void aSendRecoveredAfterTheSenderDiedIsStillSentWhenThePlanRanOut()
    {
        long plan = seed.plan(fixture, "short", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 10));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sender.escalation().processDue(100);
        // A sender claims the page and dies before the vendor call.
        assertThat(sender.dispatcher().claimDue(100)).hasSize(1);
        fixture.clock().advanceSeconds(61);

        runUntilIdle(sender);

        assertThat(fixture.eventKinds(incident)).contains("exhausted");
        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> assertThat(page.status()).isEqualTo("sent"));
        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void aClaimCancelsAPageWaitingForItsRetry()
    {
        long plan = seed.plan(fixture, "claimed", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sms.failNext(Category.TRANSIENT);
        runUntilIdle(sender);
        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> assertThat(page.status()).isEqualTo("sending"));

        fixture.claim(incident, seed.bob());
        fixture.clock().advanceSeconds(10);
        runUntilIdle(sender);

        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> assertThat(page.status()).isEqualTo("cancelled"));
        assertThat(sms.sent()).isEmpty();
    }

    @Test
    void aPageThatWaitedForASendSlotLooksAtItsIncidentOnceMore()
    {
        long plan = seed.plan(fixture, "waited", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sender.escalation().processDue(100);
        List<ClaimedMessage> claimed = sender.dispatcher().claimDue(100);
        assertThat(claimed).hasSize(1);

        // The send waits in a backed-up queue; a claim commits meanwhile.
        fixture.claim(incident, seed.bob());
        fixture.clock().advanceSeconds(1);
        sender.dispatcher().deliver(claimed.get(0));

        assertThat(sms.sent()).isEmpty();
        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> assertThat(page.status()).isEqualTo("cancelled"));
    }

    @Test
    void aPageSentAtOnceIsNotHeldUpByTheLastLook()
    {
        long plan = seed.plan(fixture, "prompt", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sender.escalation().processDue(100);
        List<ClaimedMessage> claimed = sender.dispatcher().claimDue(100);

        // Within the last-look time the page goes out as claimed: the vendor call is the in-flight case.
        fixture.claim(incident, seed.bob());
        sender.dispatcher().deliver(claimed.get(0));

        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void aResolveCancelsAPageWaitingForItsRetry()
    {
        long plan = seed.plan(fixture, "resolved", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 600));
        long incident = fixture.createIncident(plan, "app", CONTEXT);
        sms.failNext(Category.TRANSIENT);
        runUntilIdle(sender);

        fixture.resolve(incident);
        fixture.clock().advanceSeconds(10);
        runUntilIdle(sender);

        assertThat(fixture.messages(incident)).singleElement().satisfies(page -> assertThat(page.status()).isEqualTo("cancelled"));
        assertThat(sms.sent()).isEmpty();
    }
}
