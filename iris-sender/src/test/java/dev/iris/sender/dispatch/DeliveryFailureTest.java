package dev.iris.sender.dispatch;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Audit;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

final class DeliveryFailureTest
{
    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor smsPrimary;
    private TestingVendor smsSecondary;
    private TestingVendor email;
    private Sender sender;
    private long incident;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        smsPrimary = new TestingVendor("sms-primary", Set.of("sms"));
        smsSecondary = new TestingVendor("sms-secondary", Set.of("sms"));
        email = new TestingVendor("email", Set.of("email"));
        long plan = seed.plan(fixture, "alice-high", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 600));
        incident = fixture.createIncident(plan, "app", "{\"title\": \"t\", \"host\": \"h\"}");
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private static long attemptsOf(TestingVendor vendor, long messageId)
    {
        return vendor.attempts().stream().filter(attempt -> attempt.messageId() == messageId).count();
    }

    private Message message()
    {
        return fixture.messages(incident).get(0);
    }

    @Test
    void transientFailureIsRetriedAfterBackoff()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failNext(Category.TRANSIENT);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("sending");
        assertThat(message().lastError()).contains("TRANSIENT");
        assertThat(smsPrimary.sent()).isEmpty();

        fixture.clock().advanceSeconds(4.9);
        runUntilIdle(sender);
        assertThat(smsPrimary.attempts()).hasSize(1);

        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("sent");
        assertThat(message().attempts()).isEqualTo(2);
        assertThat(smsPrimary.sent()).hasSize(1);
        assertThat(email.attempts()).isEmpty();
    }

    @Test
    void failsOverToTheNextInstanceForTheMode()
    {
        sender = fixture.sender(smsPrimary, smsSecondary, email);
        smsPrimary.failAlways(Category.TRANSIENT);
        smsSecondary.failAlways(Category.TRANSIENT);
        smsSecondary.failAlways(null);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("sent");
        assertThat(smsSecondary.sent()).hasSize(1);
        assertThat(message().attempts()).isEqualTo(1);
    }

    @Test
    void permanentFailureFallsBackToEmailAndIsNotRetried()
    {
        sender = fixture.sender(smsPrimary, smsSecondary, email);
        smsPrimary.failAlways(Category.PERMANENT);
        smsSecondary.failAlways(Category.PERMANENT);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("sent");
        assertThat(message().mode()).isEqualTo("email");
        assertThat(email.sent()).singleElement().satisfies(sent -> assertThat(sent.destination()).isEqualTo("alice@example.com"));
        // A permanent answer is not asked again of another instance.
        assertThat(smsPrimary.attempts().size() + smsSecondary.attempts().size()).isEqualTo(1);
        assertThat(fixture.audit(message().id())).extracting(Audit::changeType, Audit::oldValue, Audit::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mode-change", "sms", "email"));
    }

    @Test
    void permanentFailureInEveryModeIsUndeliverableAtOnce()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.PERMANENT);
        email.failAlways(Category.PERMANENT);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("failed");
        assertThat(message().lastError()).contains("PERMANENT");
        long page = message().id();
        // alice also has a call contact, but no vendor serves call: it is not worth a fallback.
        assertThat(attemptsOf(smsPrimary, page)).isEqualTo(1);
        assertThat(attemptsOf(email, page)).isEqualTo(1);
        assertThat(fixture.eventKinds(incident)).contains("undelivered");
        assertThat(fixture.notices()).hasSize(1);
        fixture.clock().advanceSeconds(3600);
        runUntilIdle(sender);
        assertThat(attemptsOf(smsPrimary, page)).isEqualTo(1);
    }

    @Test
    void transientFailuresMoveToTheNextModeOnlyAfterFallbackAfter()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.TRANSIENT);
        // Backoff 5, 10, 20, 40, 60 s: attempts at 0, 5, 15, 35, 75 and 135 s; the one at 135 s
        // is past fallbackAfter (120 s), so the page moves to email at once.
        for (int second = 0; second <= 130; second++) {
            runUntilIdle(sender);
            assertThat(email.attempts()).as("no fallback before fallbackAfter, at %d s", second).isEmpty();
            fixture.clock().advanceSeconds(1);
        }
        for (int second = 131; second <= 140; second++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(1);
        }
        assertThat(smsPrimary.attempts()).hasSize(6);
        assertThat(message().status()).isEqualTo("sent");
        assertThat(message().mode()).isEqualTo("email");
        assertThat(fixture.audit(message().id())).extracting(Audit::changeType, Audit::oldValue, Audit::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mode-change", "sms", "email"));
        assertThat(fixture.notices()).isEmpty();
    }

    @Test
    void transientFailuresEverywhereAreRetriedForTheWholeBudgetThenReported()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.TRANSIENT);
        email.failAlways(Category.TRANSIENT);
        // Bounded: 29 min in 10 s steps.
        for (int step = 0; step < 29 * 6; step++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(10);
        }
        assertThat(message().status()).as("a page is not given up before its budget").isEqualTo("sending");
        assertThat(fixture.eventKinds(incident)).doesNotContain("undelivered");
        int emailAttempts = email.attempts().size();
        assertThat(emailAttempts).as("still retried in the last mode, once a minute at most").isGreaterThan(20);

        for (int step = 0; step < 2 * 6; step++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(10);
        }
        Message page = message();
        assertThat(page.status()).isEqualTo("failed");
        assertThat(page.mode()).isEqualTo("email");
        assertThat(fixture.audit(page.id())).extracting(Audit::changeType).containsExactly("mode-change", "undeliverable");
        assertThat(fixture.eventDescriptions(incident, "undelivered")).singleElement().satisfies(description -> assertThat(description)
                .contains("Page " + page.id() + " to alice by email could not be delivered").contains("also tried sms")
                .contains("delivery budget is spent"));
        assertThat(sender.metrics().registry().counter("iris.sender.undeliverable.email").getCount()).isEqualTo(1);
        // The plan's creator (alice in the standard seed) is told.
        assertThat(fixture.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.target()).isEqualTo("alice");
            assertThat(notice.noticeOf()).isEqualTo(page.id());
            assertThat(notice.subject()).contains("Page to alice undeliverable (incident " + incident + ")");
            assertThat(notice.body()).contains("plan alice-high");
        });
    }

    @Test
    void aNoticeThatCannotBeDeliveredRaisesNoFurtherNotice()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.PERMANENT);
        email.failAlways(Category.PERMANENT);
        for (int step = 0; step < 10; step++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(60);
        }
        assertThat(message().status()).isEqualTo("failed");
        assertThat(fixture.notices()).singleElement().satisfies(notice -> assertThat(notice.status()).isEqualTo("failed"));
        assertThat(sender.metrics().registry().counter("iris.sender.undeliverable.email").getCount()).isEqualTo(2);
    }

    @Test
    void aFlakyVendorLosesNoPage()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failTransientlyAtRandom(0.3, 42);
        long plan = seed.plan(fixture, "flaky", Notification.of(1, "user", seed.alice(), "high", "tpl", 2, 30),
                Notification.of(2, "user", seed.bob(), "high", "tpl", 0, 0));
        java.util.List<Long> incidents = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            incidents.add(fixture.createIncident(plan, "app", "{\"title\": \"t\", \"host\": \"h\"}"));
        }
        // Bounded: 10 simulated minutes in 1 s steps.
        for (int second = 0; second < 600; second++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(1);
        }
        java.util.List<Message> pages = incidents.stream().flatMap(id -> fixture.messages(id).stream()).toList();
        assertThat(pages).hasSize(60 * 4);
        assertThat(pages).extracting(Message::status).containsOnly("sent");
        assertThat(smsPrimary.attempts().size()).as("the vendor did fail").isGreaterThan(pages.size());
        assertThat(fixture.notices()).isEmpty();
    }

    @Test
    void whenSmsAndEmailRefuseThePageMovesOnToTheChatChannels()
    {
        TestingVendor telegram = new TestingVendor("telegram", Set.of("telegram"));
        fixture.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO target_contact (target_id, mode_id, destination) SELECT ?, id, '424242' FROM mode WHERE name = 'telegram'", seed.alice()));
        sender = fixture.sender(smsPrimary, email, telegram);
        smsPrimary.failAlways(Category.PERMANENT);
        email.failAlways(Category.PERMANENT);

        runUntilIdle(sender);

        assertThat(message().status()).isEqualTo("sent");
        assertThat(message().mode()).isEqualTo("telegram");
        assertThat(telegram.sent()).singleElement().satisfies(sent -> assertThat(sent.destination()).isEqualTo("424242"));
    }

    @Test
    void aModeWithoutVendorFallsBackToEmail()
    {
        sender = fixture.sender(email);
        runUntilIdle(sender);
        assertThat(message().mode()).isEqualTo("email");
        assertThat(message().status()).isEqualTo("sent");
    }
}
