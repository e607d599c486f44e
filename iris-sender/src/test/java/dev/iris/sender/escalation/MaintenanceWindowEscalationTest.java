package dev.iris.sender.escalation;

import dev.iris.core.maintenance.MaintenanceService;
import dev.iris.testing.seed.SeedWriter.Notification;
import dev.iris.sender.Sender;
import dev.iris.sender.testing.SenderFixture;
import dev.iris.sender.testing.StandardSeed;
import dev.iris.sender.testing.TestingVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.iris.sender.testing.SenderFixture.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender honours maintenance windows: incidents created inside one page nobody (even when
 * their escalation work was written before the window was seen), a window that stops paging
 * silences incidents already paging and cancels their queued pages, and at the end the silenced
 * incidents resume escalation or are left unacknowledged.
 */
final class MaintenanceWindowEscalationTest
{
    private SenderFixture fixture;
    private TestingVendor vendor;
    private Sender sender;
    private MaintenanceService maintenance;
    private long plan;

    @BeforeEach
    void setUp()
    {
        fixture = SenderFixture.create();
        StandardSeed seed = StandardSeed.load(fixture);
        vendor = new TestingVendor("test", Set.copyOf(StandardSeed.MODES));
        sender = fixture.sender(vendor);
        maintenance = new MaintenanceService(fixture.jdbi(), fixture.clock());
        plan = seed.plan(fixture, "db-plan", Notification.of(1, "user", seed.alice(), "high", "tpl", 5, 60));
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    private long open(boolean stopPaging, boolean resumeAtEnd)
    {
        return maintenance.open(new MaintenanceService.Request(null, "db-plan", null, fixture.clock().instant().plus(Duration.ofMinutes(30)),
                "database upgrade", stopPaging, resumeAtEnd), "alice");
    }

    private long count(String sql, Object... arguments)
    {
        return fixture.jdbi().withHandle(handle -> handle.select(sql, arguments).mapTo(Long.class).one());
    }

    @Test
    void incidentsCreatedInsideAWindowPageNobodyAndResumeWhenItEnds()
    {
        long before = fixture.createIncident(plan, "app", "{\"title\": \"before\"}");
        runUntilIdle(sender);
        assertThat(fixture.messages(before)).hasSize(1);

        fixture.clock().advanceSeconds(1);
        long window = open(false, true);
        fixture.clock().advanceSeconds(1);
        // Its work row is there, as when the trigger ran before the window was committed.
        long inside = fixture.createIncident(plan, "app", "{\"title\": \"inside\"}");
        runUntilIdle(sender);
        assertThat(fixture.messages(inside)).isEmpty();
        assertThat(fixture.eventKinds(inside)).contains("silenced");
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by = ?", inside, window)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM escalation_work WHERE incident_id = ?", inside)).isZero();

        // Without stop_paging, the incident already paging goes on.
        fixture.clock().advanceSeconds(58);
        runUntilIdle(sender);
        assertThat(fixture.messages(before)).hasSize(2);
        assertThat(fixture.messages(inside)).isEmpty();

        fixture.clock().advance(Duration.ofMinutes(30));
        runUntilIdle(sender);
        assertThat(fixture.eventKinds(inside)).contains("unsilenced");
        assertThat(fixture.messages(inside)).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND silenced_by IS NULL AND active = 1", inside)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM maintenance_event WHERE window_id = ? AND kind IN ('created', 'started', 'ended')", window)).isEqualTo(3);
    }

    @Test
    void aWindowThatStopsPagingSilencesIncidentsAlreadyPaging()
    {
        long paging = fixture.createIncident(plan, "app", "{\"title\": \"paging\"}");
        runUntilIdle(sender);
        assertThat(fixture.messages(paging)).hasSize(1);
        // A page waiting to go out.
        fixture.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at)
                SELECT NOW(3), i.application_id, t.id, i.id, 'queued', 1, NOW(3) + INTERVAL 1 DAY FROM incident i, target t
                WHERE i.id = ? AND t.name = 'alice'""", paging));

        open(true, false);

        assertThat(count("SELECT COUNT(*) FROM message WHERE incident_id = ? AND `status` = 'queued'", paging)).isZero();
        assertThat(fixture.eventKinds(paging)).contains("silenced");
        fixture.clock().advanceSeconds(120);
        runUntilIdle(sender);
        assertThat(fixture.messages(paging).stream().filter(message -> message.status().equals("sent"))).hasSize(1);

        // resume_at_end off: nobody was paged, so it is left unacknowledged.
        fixture.clock().advance(Duration.ofMinutes(30));
        runUntilIdle(sender);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE id = ? AND active = 0 AND owner_id IS NULL AND resolved = 0 AND silenced_by IS NULL", paging))
                .isEqualTo(1);
        assertThat(fixture.messages(paging).stream().filter(message -> message.status().equals("sent"))).hasSize(1);
    }
}
