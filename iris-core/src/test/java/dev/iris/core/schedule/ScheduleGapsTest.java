package dev.iris.core.schedule;

import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code iris.schedule.gaps} figure: stretches of the coming week in which a role an active plan
 * pages has nobody on call.
 */
final class ScheduleGapsTest
{
    // A Monday, 00:00 UTC: the week ahead has five business days.
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2027-01-04T00:00:00Z"), ZoneOffset.UTC);

    private Database database;
    private Jdbi jdbi;
    private long team;
    private long alice;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        jdbi.useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long application = seed.application("app", "key", false, List.of("title"));
            alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            team = seed.team("ops", List.of(alice));
            seed.template("page", alice, application, List.of("email"), "s", "b");
        });
        // Primary around the clock; secondary only in business hours: nights and the weekend are gaps.
        new ScheduleService(jdbi, MONDAY).apply("ops", new ScheduleDocument("ops", 60, List.of(
                new RotationSpec("primary", "primary", "UTC", "2027-01-04T00:00", "1w", "none", List.of("alice")),
                new RotationSpec("secondary", "secondary", "UTC", "2027-01-04T00:00", "1d", "business-hours", List.of("alice")))),
                "test", false);
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    private void planPaging(String role)
    {
        jdbi.useTransaction(handle -> new SeedWriter(handle).plan("plan-" + role, alice, "",
                List.of(Notification.of(1, role, team, "high", "page", 0, 60)), 0, 0, 0, 0));
    }

    @Test
    void onlyGapsInRolesThatActivePlansPageCount()
    {
        ScheduleGaps gaps = new ScheduleGaps(jdbi, MONDAY);
        assertThat(gaps.count()).as("no plan pages ops' roles").isZero();

        planPaging("oncall-primary");
        assertThat(gaps.count()).as("the primary is always staffed").isZero();

        planPaging("oncall-secondary");
        // Business hours Monday to Friday leave six stretches: before Monday 09:00, four nights,
        // and Friday evening through the weekend to the end of the week.
        assertThat(gaps.count()).isEqualTo(6);
    }
}
