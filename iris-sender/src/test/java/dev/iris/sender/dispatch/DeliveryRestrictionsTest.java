package dev.iris.sender.dispatch;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Audit;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Iris's restrictions on what goes out: no calls to China, the fixed SMS body for users whose
 * carriers drop free text, and no bodies over 40,000 characters.
 */
final class DeliveryRestrictionsTest
{
    private static final String CONTEXT = "{\"title\": \"t\", \"host\": \"h\"}";

    private SenderFixture fixture;
    private StandardSeed seed;
    private TestingVendor vendor;
    private Sender sender;
    private long wei;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        sender = fixture.sender(new DispatchRules("Incident %s needs you: see Iris", Optional.empty()), vendor);
        wei = fixture.seed(writer -> writer.user("wei", false, Map.of("email", "wei@example.com", "sms", "+8613800000001", "call", "+8613800000001")));
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private void execute(String sql, Object... arguments)
    {
        fixture.jdbi().useHandle(handle -> handle.execute(sql, arguments));
    }

    /**
     * The user's high-priority messages go out by call.
     */
    private void prefersCalls(long user)
    {
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) SELECT ?, p.id, m.id FROM priority p, mode m "
                + "WHERE p.name = 'high' AND m.name = 'call'", user);
    }

    private long page(long user, String context)
    {
        long plan = fixture.seed(writer -> StandardSeed.plan(writer, seed.alice(), "page-" + user + "-" + System.nanoTime(),
                Notification.of(1, "user", user, "high", "tpl", 0, 60)));
        return fixture.createIncident(plan, "app", context);
    }

    @Test
    void callsToChineseNumbersGoOutAsSmsWithANotice()
    {
        prefersCalls(wei);
        prefersCalls(seed.alice());
        long toWei = page(wei, CONTEXT);
        long toAlice = page(seed.alice(), CONTEXT);
        runUntilIdle(sender);

        Message message = fixture.messages(toWei).get(0);
        assertThat(message.mode()).isEqualTo("sms");
        assertThat(message.destination()).isEqualTo("+8613800000001");
        assertThat(message.status()).isEqualTo("sent");
        assertThat(message.body()).isEqualTo(CallRestriction.NOTICE + "t on h");
        assertThat(fixture.audit(message.id())).containsExactly(
                new Audit("mode-change", "call", "sms", "Changing mode due to calling restriction"));
        OutboundMessage sent = vendor.sent().stream().filter(outbound -> outbound.messageId() == message.id()).findFirst().orElseThrow();
        assertThat(sent.mode()).isEqualTo("sms");
        assertThat(sent.body()).isEqualTo(CallRestriction.NOTICE + "t on h");

        // Other numbers are called.
        assertThat(fixture.messages(toAlice)).extracting(Message::mode).containsExactly("call");
    }

    @Test
    void theNoticeSurvivesATakeOverAfterASenderDied()
    {
        prefersCalls(wei);
        long incident = page(wei, CONTEXT);
        sender.escalation().processDue(10);
        // The first sender claims the message and dies before calling the vendor.
        assertThat(sender.dispatcher().claimDue(10)).hasSize(1);

        fixture.clock().advanceSeconds(61);
        Sender survivor = fixture.sender(vendor);
        List<ClaimedMessage> recovered = survivor.dispatcher().claimDue(10);
        assertThat(recovered).singleElement().extracting(ClaimedMessage::mode).isEqualTo("sms");
        recovered.forEach(survivor.dispatcher()::deliver);

        assertThat(vendor.sent()).singleElement().satisfies(sent -> assertThat(sent.body()).isEqualTo(CallRestriction.NOTICE + "t on h"));
        assertThat(fixture.audit(fixture.messages(incident).get(0).id())).hasSize(1);
    }

    @Test
    void literalCallsToChineseNumbersAreRestrictedToo()
    {
        execute("""
                INSERT INTO message (created, application_id, destination, mode_id, subject, body, active, `status`, next_attempt_at)
                SELECT ?, ?, '+8613900000002', m.id, '[app] s', 'hello', 1, 'queued', ? FROM mode m WHERE m.name = 'call'""",
                fixture.clock().instant(), seed.app(), fixture.clock().instant());
        runUntilIdle(sender);
        assertThat(vendor.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.mode()).isEqualTo("sms");
            assertThat(sent.body()).isEqualTo(CallRestriction.NOTICE + "hello");
        });
    }

    @Test
    void optedInUsersGetTheFixedSmsBody()
    {
        execute("INSERT INTO mode_template_override (target_id, mode_id) SELECT ?, id FROM mode WHERE name = 'sms'", seed.bob());
        long toBob = page(seed.bob(), CONTEXT);
        long toAlice = page(seed.alice(), CONTEXT);
        runUntilIdle(sender);

        Message bob = fixture.messages(toBob).get(0);
        assertThat(bob.mode()).isEqualTo("sms");
        assertThat(bob.body()).isEqualTo("Incident " + toBob + " needs you: see Iris");
        // The subject still carries the message id replies name.
        assertThat(bob.subject()).isEqualTo(bob.id() + " t");
        assertThat(fixture.audit(bob.id())).containsExactly(
                new Audit("content-change", "sms", "sms", "Replaced SMS body to avoid being blocked by carrier"));
        assertThat(vendor.sent()).filteredOn(sent -> sent.messageId() == bob.id()).singleElement()
                .extracting(OutboundMessage::body).isEqualTo("Incident " + toBob + " needs you: see Iris");

        Message alice = fixture.messages(toAlice).get(0);
        assertThat(alice.body()).isEqualTo("t on h");
        assertThat(fixture.audit(alice.id())).isEmpty();
    }

    @Test
    void theOverrideIsForIncidentSmsOnly()
    {
        execute("INSERT INTO mode_template_override (target_id, mode_id) SELECT ?, id FROM mode WHERE name = 'sms'", seed.bob());
        // An out-of-band SMS keeps its text.
        execute("""
                INSERT INTO message (created, application_id, target_id, mode_id, subject, body, active, `status`, next_attempt_at)
                SELECT ?, ?, ?, m.id, '[app] s', 'maintenance tonight', 1, 'queued', ? FROM mode m WHERE m.name = 'sms'""",
                fixture.clock().instant(), seed.app(), seed.bob(), fixture.clock().instant());
        // An incident email keeps its body.
        execute("INSERT INTO target_mode (target_id, priority_id, mode_id) SELECT ?, p.id, m.id FROM priority p, mode m "
                + "WHERE p.name = 'high' AND m.name = 'email'", seed.bob());
        page(seed.bob(), CONTEXT);
        runUntilIdle(sender);
        assertThat(vendor.sent()).extracting(OutboundMessage::body).containsExactlyInAnyOrder("maintenance tonight", "t on h");
    }

    @Test
    void bodiesOverFortyThousandCharactersAreDroppedUnsent()
    {
        // The template renders "{{ title }} on {{ host }}": the title plus five characters.
        long tooLong = page(seed.alice(), "{\"title\": \"" + "x".repeat(39_996) + "\", \"host\": \"h\"}");
        long justRight = page(seed.bob(), "{\"title\": \"" + "x".repeat(39_995) + "\", \"host\": \"h\"}");
        runUntilIdle(sender);

        Message dropped = fixture.messages(tooLong).get(0);
        assertThat(dropped.status()).isEqualTo("suppressed");
        assertThat(dropped.mode()).isEqualTo("drop");
        assertThat(dropped.body()).hasSize(BodyLengthLimit.MAX_BODY_LENGTH).startsWith("xxx");
        assertThat(dropped.subject()).hasSize(255);
        assertThat(fixture.audit(dropped.id())).containsExactly(
                new Audit("mode-change", "sms", "drop", "Dropping due to excessive body length (40001 > 40000 chars)"));
        assertThat(sender.metrics().registry().counter("iris.sender.suppressed.body-length").getCount()).isEqualTo(1);

        Message sent = fixture.messages(justRight).get(0);
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(vendor.sent()).singleElement().satisfies(outbound -> {
            assertThat(outbound.messageId()).isEqualTo(sent.id());
            assertThat(outbound.body()).hasSize(40_000);
        });
    }
}
