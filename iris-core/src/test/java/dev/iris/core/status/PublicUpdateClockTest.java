package dev.iris.core.status;

import dev.iris.core.incident.ClaimService;
import dev.iris.core.postmortem.PostmortemService;
import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public updates are stamped by the database's clock, like the incident's own events: an API node
 * whose clock runs an hour ahead still puts its update before the resolution that followed it in
 * the postmortem's timeline.
 */
final class PublicUpdateClockTest
{
    private static final Duration SKEW = Duration.ofHours(1);

    private Database database;
    private Jdbi jdbi;
    private long incident;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        jdbi.useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long application = seed.application("app", "key", false, List.of("title"));
            long user = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.template("page", user, application, List.of("email"), "s", "b");
            long plan = seed.plan("plan", user, "", List.of(Notification.of(1, "user", user, "high", "page", 0, 60)), 0, 0, 0, 0);
            incident = handle.createUpdate("""
                            INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                            VALUES (:plan, NOW(3), NOW(3), '{}', :app, 1)""")
                    .bind("plan", plan).bind("app", application)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, NOW(3), 'created')", incident);
        });
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void updatesAndIncidentEventsShareTheDatabaseClock()
    {
        Clock ahead = Clock.offset(Clock.systemUTC(), SKEW);
        StatusSettings settings = new StatusSettings(Duration.ZERO, Duration.ZERO, Duration.ofDays(7), "iris", "http://localhost", "Status");
        StatusAdmin admin = new StatusAdmin(jdbi, ahead, settings);

        long update = admin.postUpdate(incident, "alice", "identified", "A bad deploy; rolling back.", "API errors");
        new ClaimService(jdbi).resolve(incident, true, "alice");

        Instant databaseNow = jdbi.withHandle(handle -> handle.createQuery("SELECT NOW(3)").mapTo(Instant.class).one());
        Instant updated = jdbi.withHandle(handle -> handle.createQuery("SELECT created FROM status_update WHERE id = ?")
                .bind(0, update).mapTo(Instant.class).one());
        assertThat(Duration.between(updated, databaseNow).abs()).isLessThan(Duration.ofMinutes(1));

        String markdown = new PostmortemService(jdbi, ahead).get(new PostmortemService(jdbi, ahead).draft(List.of(incident), null, "alice")).markdown();
        int updateLine = markdown.indexOf("Public update (identified)");
        int resolvedLine = markdown.indexOf("Resolved by alice");
        assertThat(updateLine).isPositive();
        assertThat(resolvedLine).isPositive();
        assertThat(updateLine).as("the update comes before the resolution in the timeline").isLessThan(resolvedLine);
    }
}
