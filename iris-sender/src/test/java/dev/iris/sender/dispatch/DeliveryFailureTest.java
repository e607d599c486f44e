package dev.iris.sender.dispatch;

import dev.iris.core.seed.SeedWriter.Notification;
import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Audit;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.VendorException.Category;
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
    void permanentFailureWithoutAFallbackIsRecordedAsFailed()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.PERMANENT);
        email.failAlways(Category.PERMANENT);
        runUntilIdle(sender);
        fixture.clock().advanceSeconds(3600);
        runUntilIdle(sender);
        assertThat(message().status()).isEqualTo("failed");
        assertThat(message().lastError()).contains("PERMANENT");
        assertThat(smsPrimary.attempts()).hasSize(1);
        assertThat(email.attempts()).hasSize(1);
    }

    @Test
    void transientFailuresThatUseUpTheAttemptsFallBackToEmail()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.TRANSIENT);
        for (int i = 0; i < 10; i++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(120);
        }
        assertThat(smsPrimary.attempts()).hasSize(SenderFixture.SETTINGS.maxAttempts());
        assertThat(message().status()).isEqualTo("sent");
        assertThat(message().mode()).isEqualTo("email");
    }

    @Test
    void transientFailuresEverywhereEndInFailedAfterTheAttempts()
    {
        sender = fixture.sender(smsPrimary, email);
        smsPrimary.failAlways(Category.TRANSIENT);
        email.failAlways(Category.TRANSIENT);
        for (int i = 0; i < 20; i++) {
            runUntilIdle(sender);
            fixture.clock().advanceSeconds(120);
        }
        assertThat(message().status()).isEqualTo("failed");
        assertThat(smsPrimary.attempts().size() + email.attempts().size()).isLessThanOrEqualTo(SenderFixture.SETTINGS.maxAttempts() + 1);
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
