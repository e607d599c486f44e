package dev.iris.core.status;

import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board reads only the incidents its feeds can match ({@link FeedSelection}) and computes the
 * same states as when it read them all.
 */
final class StatusBoardFeedsTest
{
    private Database database;
    private Jdbi jdbi;
    private StatusBoard board;
    private long web;
    private long billing;
    private long billingPlan;
    private long webPlan;
    private long webIncident;
    private long billingIncident;
    private long heartbeatIncident;
    private long labelledIncident;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        board = new StatusBoard(jdbi, new StatusSettings(Duration.ZERO, Duration.ZERO, Duration.ofDays(3), "iris", "https://status.example.com", "Status"));
        jdbi.useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            web = seed.application("web", "web-key", false, List.of("title"));
            billing = seed.application("billing", "billing-key", false, List.of("title"));
            long user = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.template("page", user, web, List.of("email"), "s", "b");
            webPlan = seed.plan("web-plan", user, "", List.of(Notification.of(1, "user", user, "high", "page", 0, 60)), 0, 0, 0, 0);
            billingPlan = seed.plan("billing-plan", user, "", List.of(Notification.of(1, "user", user, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        jdbi.useHandle(handle -> {
            webIncident = incident(handle, webPlan, web, null, "{}");
            billingIncident = incident(handle, billingPlan, billing, null, "{}");
            heartbeatIncident = incident(handle, webPlan, billing, "heartbeat:nightly-backup", "{}");
            labelledIncident = incident(handle, webPlan, billing, "alertmanager:{}:{job=\"db\"}", "{\"job\": \"db\"}");
        });
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void applicationPlanAndHeartbeatFeedsReadOnlyTheirIncidentsAndColourTheirComponents()
    {
        component("Web", "application:web");
        component("Billing", "plan:billing-plan");
        component("Backups", "heartbeat:nightly-backup");
        component("Quiet", "application:nobody");
        component("No feeds");

        FeedSelection selection = FeedSelection.of(board.current(Instant.now()).stream().map(ComputedState::component).toList());
        assertThat(selection.readsEveryIncident()).isFalse();
        assertThat(selection.needsLabels()).isFalse();
        List<Long> read = jdbi.withExtension(StatusDao.class, dao -> dao.impactingIncidentsOf(Instant.now().minus(Duration.ofDays(3)),
                        Instant.now(), selection.applications(), selection.plans(), selection.dedupKeys()))
                .stream().map(StatusDao.IncidentRow::id).toList();
        // The web plan's incidents of the billing application (heartbeat, labelled) are left out
        // unless a feed names them.
        assertThat(read).containsExactlyInAnyOrder(webIncident, billingIncident, heartbeatIncident);

        // "high", the plans' most urgent priority, is a partial outage.
        assertThat(states()).containsExactly("Backups=partial_outage", "Billing=partial_outage", "No feeds=operational", "Quiet=operational",
                "Web=partial_outage");
        assertThat(incidentsOf("Web")).containsExactly(webIncident);
        assertThat(incidentsOf("Backups")).containsExactly(heartbeatIncident);
    }

    @Test
    void labelAndDedupPrefixFeedsReadEveryIncidentAndOnlyLabelFeedsParseContexts()
    {
        component("Database", "label:job=db");
        assertThat(states()).containsExactly("Database=partial_outage");
        assertThat(incidentsOf("Database")).containsExactly(labelledIncident);

        FeedSelection prefixOnly = FeedSelection.of(List.of(new ComponentDefinition(1, "Alerts", "", 1,
                List.of(new Feed(FeedKind.DEDUP_PREFIX, "alertmanager:")))));
        assertThat(prefixOnly.readsEveryIncident()).isTrue();
        assertThat(prefixOnly.needsLabels()).isFalse();
        component("Alerts", "dedup_prefix:alertmanager:");
        assertThat(incidentsOf("Alerts")).containsExactly(labelledIncident);
    }

    @Test
    void withoutFeedsNothingIsRead()
    {
        component("Plain");
        assertThat(FeedSelection.of(List.of(new ComponentDefinition(1, "Plain", "", 1, List.of()))).readsNothing()).isTrue();
        assertThat(states()).containsExactly("Plain=operational");
    }

    private List<String> states()
    {
        return board.current(Instant.now()).stream().map(state -> state.component().name() + "=" + state.shown().code()).sorted().toList();
    }

    private List<Long> incidentsOf(String component)
    {
        return board.current(Instant.now()).stream().filter(state -> state.component().name().equals(component)).findFirst().orElseThrow()
                .incidentIds();
    }

    private void component(String name, String... feeds)
    {
        jdbi.useTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            int id = dao.insertComponent(name, "", 1, Instant.now());
            for (String feed : feeds) {
                int colon = feed.indexOf(':');
                dao.insertFeed(id, feed.substring(0, colon), feed.substring(colon + 1));
            }
        });
    }

    private static long incident(Handle handle, long plan, long application, String dedupKey, String context)
    {
        return handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, active, dedup_key)
                        VALUES (:plan, NOW(3), NOW(3), :context, :app, 1, :dedup)""")
                .bind("plan", plan).bind("app", application).bind("context", context).bind("dedup", dedupKey)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }
}
