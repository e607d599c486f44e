package dev.iris.sender;

import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.StatementCounter;
import dev.iris.sender.testing.TestingVendor;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idle sender looks for due escalation work every poll interval with one indexed read and
 * runs a pass only when something is due: the interval is short (it bounds how long a new
 * trigger waits for its first page), so what an idle look costs the database matters.
 */
final class SenderEngineIdleTest
{
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration LIMIT = Duration.ofSeconds(30);

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
    void anIdleSenderOnlyReadsTheNextDueTimeAndStillPagesANewTrigger()
            throws Exception
    {
        long plan = seed.plan(fixture, "one-step", Notification.of(1, "user", seed.carol(), "medium", "tpl", 0, 0));
        TestingVendor vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        SenderEngine engine = new SenderEngine(fixture.sender(vendor), fixture.clock(), POLL, 100, 50, 8, 2, 1);
        engine.start();
        try {
            // Each escalation thread runs one pass when it starts; the idle looks come after.
            List<String> starting = new ArrayList<>();
            awaitCondition(() -> {
                starting.addAll(StatementCounter.drain());
                return starting.stream().filter(SenderEngineIdleTest::isNextDue).count() >= 6;
            });
            List<String> idle = new ArrayList<>();
            awaitCondition(() -> {
                idle.addAll(StatementCounter.drain());
                return idle.stream().filter(SenderEngineIdleTest::isNextDue).count() >= 40;
            });
            assertThat(idle).noneMatch(statement -> statement.startsWith("SELECT incident_id FROM escalation_work"));
            // Dispatch threads look four times less often than escalation threads (they are woken
            // at once when escalation creates messages).
            long nextDueReads = idle.stream().filter(SenderEngineIdleTest::isNextDue).count();
            long claimPasses = idle.stream().filter(statement -> statement.contains("FROM message") && statement.contains("next_attempt_at")).count();
            assertThat(claimPasses).isLessThan(nextDueReads / 2);

            fixture.createIncident(plan, "app", "{\"title\": \"after a quiet spell\"}");
            awaitCondition(() -> vendor.sent().size() == 1);
        }
        finally {
            engine.stop();
        }
    }

    private static boolean isNextDue(String statement)
    {
        return statement.startsWith("SELECT MIN(due_at) FROM escalation_work");
    }

    private static void awaitCondition(BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within %s", LIMIT).isNegative();
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
