package dev.iris.sender.dispatch;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Audit;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

final class ModeResolutionTest
{
    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor vendor;
    private Sender sender;
    private long plan;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        sender = fixture.sender(vendor);
        // Priority "high" defaults to sms.
        plan = seed.plan(fixture, "alice-high", Notification.of(1, "user", seed.alice(), "high", "tpl", 0, 60));
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private Message sendOne()
    {
        long incident = fixture.createIncident(plan, "app", "{\"title\": \"t\", \"host\": \"h\"}");
        runUntilIdle(sender);
        return fixture.messages(incident).get(0);
    }

    private void execute(String sql, Object... arguments)
    {
        fixture.jdbi().useHandle(handle -> handle.execute(sql, arguments));
    }

    @Test
    void usesThePrioritysSystemDefaultWithoutSettings()
    {
        Message message = sendOne();
        assertThat(message.mode()).isEqualTo("sms");
        assertThat(message.destination()).isEqualTo("+15550001");
        assertThat(message.status()).isEqualTo("sent");
    }

    @Test
    void userGlobalSettingBeatsTheSystemDefault()
    {
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) VALUES (?, 2, 1)", seed.alice());
        assertThat(sendOne().mode()).isEqualTo("call");
    }

    @Test
    void applicationDefaultBeatsTheUserGlobalSetting()
    {
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) VALUES (?, 2, 1)", seed.alice());
        execute("INSERT INTO default_application_mode (application_id, priority_id, mode_id) VALUES (?, 2, 2)", seed.app());
        assertThat(sendOne().mode()).isEqualTo("email");
    }

    @Test
    void userPerApplicationSettingBeatsEverything()
    {
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) VALUES (?, 2, 1)", seed.alice());
        execute("INSERT INTO default_application_mode (application_id, priority_id, mode_id) VALUES (?, 2, 2)", seed.app());
        execute("INSERT INTO target_application_mode (target_id, application_id, priority_id, mode_id) VALUES (?, ?, 2, 1)", seed.alice(), seed.app());
        assertThat(sendOne().mode()).isEqualTo("call");
    }

    @Test
    void modeNotAllowedForTheApplicationFallsBackToEmailWithAnAuditEntry()
    {
        execute("DELETE FROM application_mode WHERE application_id = ? AND mode_id = 4", seed.app());
        Message message = sendOne();
        assertThat(message.mode()).isEqualTo("email");
        assertThat(message.destination()).isEqualTo("alice@example.com");
        assertThat(fixture.audit(message.id())).extracting(Audit::description).containsExactly("Changing mode due to original mode failure");
    }

    @Test
    void missingOrDisabledContactFallsBackToEmail()
    {
        execute("UPDATE target_contact SET disabled = 1 WHERE target_id = ? AND mode_id = 4", seed.alice());
        assertThat(sendOne().mode()).isEqualTo("email");
    }

    @Test
    void withoutAnyContactTheMessageFailsWithAnInvalidAuditEntryAndIsReported()
    {
        plan = seed.plan(fixture, "dave-high", Notification.of(1, "user", seed.dave(), "high", "tpl", 0, 60));
        Message message = sendOne();
        assertThat(message.status()).isEqualTo("failed");
        assertThat(vendor.attempts()).noneMatch(attempt -> attempt.messageId() == message.id());
        assertThat(fixture.audit(message.id())).extracting(Audit::changeType, Audit::newValue,
                        Audit::description)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mode-change", "invalid", "Ignore message as we failed to resolve target contact"),
                        org.assertj.core.groups.Tuple.tuple("undeliverable", "",
                                "Page " + message.id() + " to dave could not be delivered: no contact for dave in any usable mode"));
        // alice created the plan and is told.
        assertThat(fixture.notices()).singleElement().satisfies(notice -> assertThat(notice.target()).isEqualTo("alice"));
    }

    @Test
    void dropModeRecordsTheMessageWithoutSendingIt()
    {
        execute("INSERT INTO application_mode (application_id, mode_id) VALUES (?, 5)", seed.app());
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) VALUES (?, 2, 5)", seed.alice());
        Message message = sendOne();
        assertThat(message.status()).isEqualTo("suppressed");
        assertThat(message.mode()).isEqualTo("drop");
        assertThat(vendor.attempts()).isEmpty();
    }

    @Test
    void deliversOutOfBandRowsWithForcedModeCategoryAndLiteralTarget()
    {
        long category = fixture.jdbi().withHandle(handle -> handle.createUpdate(
                        "INSERT INTO notification_category (application_id, name, mode_id) VALUES (:app, 'deploys', 4)")
                .bind("app", seed.app()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        execute("INSERT INTO category_override (user_id, category_id, mode_id) VALUES (?, ?, 1)", seed.alice(), category);
        java.time.Instant now = fixture.clock().instant();
        execute("""
                INSERT INTO message (created, application_id, target_id, mode_id, subject, body, `status`, next_attempt_at)
                VALUES (?, ?, ?, 2, '[app] forced', 'body one', 'queued', ?)""", now, seed.app(), seed.bob(), now);
        execute("""
                INSERT INTO message (created, application_id, target_id, category_id, subject, body, `status`, next_attempt_at)
                VALUES (?, ?, ?, ?, '[app] category', 'body two', 'queued', ?)""", now, seed.app(), seed.alice(), category, now);
        execute("""
                INSERT INTO message (created, application_id, target_id, priority_id, subject, body, `status`, next_attempt_at)
                VALUES (?, ?, ?, 2, '[app] priority', 'body three', 'queued', ?)""", now, seed.app(), seed.carol(), now);
        execute("""
                INSERT INTO message (created, application_id, mode_id, destination, subject, body, `status`, next_attempt_at)
                VALUES (?, ?, 3, '#ops', '[app] literal', 'body four', 'queued', ?)""", now, seed.app(), now);
        runUntilIdle(sender);

        assertThat(vendor.sent()).extracting(message -> message.subject() + " -> " + message.mode() + ":" + message.destination())
                .containsExactlyInAnyOrder(
                        "[app] forced -> email:bob@example.com",
                        "[app] category -> call:+15550001",
                        // carol has no sms: the priority's mode falls back to her email.
                        "[app] priority -> email:carol@example.com",
                        "[app] literal -> slack:#ops");
        assertThat(vendor.sent()).allSatisfy(message -> assertThat(message.claimable()).isFalse());
        assertThat(fixture.allMessages()).extracting(Message::status).containsOnly("sent");
    }

    @Test
    void reprioritizesAfterTooManyMessagesInOneMode()
    {
        execute("INSERT INTO target_reprioritization (target_id, src_mode_id, dst_mode_id, `count`, duration) VALUES (?, 4, 2, 2, 300)", seed.alice());
        List<Message> messages = List.of(sendOne(), sendOne(), sendOne());
        assertThat(messages).extracting(Message::mode).containsExactly("sms", "sms", "email");
        assertThat(fixture.audit(messages.get(2).id())).extracting(Audit::description).containsExactly("Changing mode due to reprioritization");

        // Outside the window, sms is used again.
        fixture.clock().advanceSeconds(301);
        assertThat(sendOne().mode()).isEqualTo("sms");
    }
}
