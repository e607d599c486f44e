package dev.iris.sender.escalation;

import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.SenderFixture.Message;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static dev.iris.sender.testing.SenderFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A countdown notification posts one message in its team's chat channel saying whom the next step
 * pages and when; a claim before then means the next step never pages.
 */
final class CountdownTest
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
        fixture.seed(writer -> writer.template("chat", seed.alice(), seed.app(), List.of("mattermost", "email"), "{{ title }}", "{{ title }} on {{ host }}"));
        vendor = new TestingVendor("test", Stream.concat(StandardSeed.MODES.stream(), Stream.of("mattermost")).collect(Collectors.toSet()));
        sender = fixture.sender(vendor);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    /**
     * Step 1: a 5-minute countdown in ops' channel; step 2: carol.
     */
    private long countdownPlan()
    {
        long plan = seed.plan(fixture, "countdown",
                Notification.of(1, "team", seed.ops(), "high", "chat", 0, 300),
                Notification.of(2, "user", seed.carol(), "high", "tpl", 0, 60));
        fixture.jdbi().useHandle(handle -> handle.execute("UPDATE plan_notification SET countdown = 1 WHERE plan_id = ? AND step = 1", plan));
        return plan;
    }

    private void giveOpsAChannel(String mode, String destination)
    {
        fixture.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO target_contact (target_id, mode_id, destination) SELECT ?, id, ? FROM mode WHERE name = ?", seed.ops(), destination, mode));
    }

    @Test
    void postsWhomTheNextStepPagesAndWhenInTheTeamsChannel()
    {
        giveOpsAChannel("mattermost", "~ops-oncall");
        long incident = fixture.createIncident(countdownPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");

        runUntilIdle(sender);
        // One post in the channel, not a page to each member of ops.
        List<Message> messages = fixture.messages(incident);
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.target()).isEqualTo("ops");
            assertThat(message.mode()).isEqualTo("mattermost");
            assertThat(message.destination()).isEqualTo("~ops-oncall");
            assertThat(message.status()).isEqualTo("sent");
        });
        OutboundMessage post = vendor.sent().get(0);
        assertThat(post.destination()).isEqualTo("~ops-oncall");
        assertThat(post.claimable()).isTrue();
        assertThat(post.body())
                .startsWith("Countdown for incident " + incident + ": unless someone claims it here, step 2 pages carol (user of carol) at ")
                .contains(" UTC, in 5 min.")
                .endsWith("disk on db1");

        // Nobody else before the countdown ends; carol exactly when it does.
        fixture.clock().advanceSeconds(299.9);
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("ops");
        fixture.clock().advanceSeconds(0.1);
        runUntilIdle(sender);
        assertThat(targets(fixture.messages(incident))).containsExactly("ops", "carol");
    }

    @Test
    void aClaimBeforeTheCountdownEndsMeansTheNextStepNeverPages()
    {
        giveOpsAChannel("mattermost", "~ops-oncall");
        long incident = fixture.createIncident(countdownPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");
        runUntilIdle(sender);

        fixture.clock().advanceSeconds(299);
        fixture.claim(incident, seed.bob());
        fixture.clock().advance(Duration.ofMinutes(30));
        runUntilIdle(sender);

        assertThat(targets(fixture.messages(incident))).containsExactly("ops");
        assertThat(vendor.sent()).hasSize(1);
    }

    @Test
    void aTelegramGroupIsUsedWhenTheTeamHasNoMattermostChannel()
    {
        giveOpsAChannel("telegram", "-1001234567890");
        vendor = new TestingVendor("test", Set.of("email", "telegram"));
        fixture.seed(writer -> writer.template("chat", seed.alice(), seed.app(), List.of("mattermost", "email", "telegram"), "{{ title }}", "{{ title }}"));
        sender = fixture.sender(vendor);
        long incident = fixture.createIncident(countdownPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");

        runUntilIdle(sender);

        assertThat(fixture.messages(incident)).singleElement()
                .satisfies(message -> assertThat(List.of(message.mode(), message.destination())).containsExactly("telegram", "-1001234567890"));
    }

    @Test
    void aTeamWithoutAChannelPagesThePlanCreatorSayingWhy()
    {
        long incident = fixture.createIncident(countdownPlan(), "app", "{\"title\": \"disk\", \"host\": \"db1\"}");

        runUntilIdle(sender);

        assertThat(fixture.messages(incident)).singleElement().satisfies(message -> {
            assertThat(message.target()).isEqualTo("alice");
            assertThat(message.body()).contains("the team has no chat channel");
        });
        assertThat(fixture.eventKinds(incident)).contains("creator-fallback");
    }

    @Test
    void theLastStepSaysNobodyElseIsPaged()
    {
        giveOpsAChannel("mattermost", "~ops-oncall");
        long plan = seed.plan(fixture, "countdown-only", Notification.of(1, "team", seed.ops(), "high", "chat", 0, 600));
        fixture.jdbi().useHandle(handle -> handle.execute("UPDATE plan_notification SET countdown = 1 WHERE plan_id = ?", plan));
        long incident = fixture.createIncident(plan, "app", "{\"title\": \"disk\", \"host\": \"db1\"}");

        runUntilIdle(sender);

        assertThat(vendor.sent()).singleElement().satisfies(post -> assertThat(post.body())
                .contains("this is the last step of plan countdown-only; it ends at ")
                .contains("in 10 min and nobody else is paged"));
    }

    @Test
    void relativeTimesReadAsPeopleSayThem()
    {
        assertThat(Countdown.relative(Duration.ofSeconds(45))).isEqualTo("in 45 s");
        assertThat(Countdown.relative(Duration.ofSeconds(90))).isEqualTo("in 2 min");
        assertThat(Countdown.relative(Duration.ofMinutes(60))).isEqualTo("in 1 h");
        assertThat(Countdown.relative(Duration.ofMinutes(95))).isEqualTo("in 1 h 35 min");
    }
}
