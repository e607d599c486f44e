package dev.iris.faults;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.faults.harness.Figures;
import dev.iris.faults.harness.IrisDeployment;
import dev.iris.faults.harness.IrisProcess;
import dev.iris.faults.harness.Ledger;
import dev.iris.faults.harness.LoadResult;
import dev.iris.faults.harness.MariaDbServer;
import dev.iris.faults.harness.Scenario;
import dev.iris.faults.harness.SuitePaths;
import dev.iris.faults.harness.Tenant;
import dev.iris.faults.harness.Triggers;
import dev.iris.testing.Deadline;
import dev.iris.testing.fakes.FakeWebhookReceiver.Delivery;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's fault suite: what an operator runs (the three packaged jars as separate processes,
 * started with the production configs changed only through environment variables, a MariaDB
 * server process, the webhook vendor posting over HTTP to a receiver that records every delivery),
 * put through the faults that lost pages before, each scenario reconciling the database's ledger
 * of messages against what the receiver got (see {@link Ledger}).
 *
 * <p>Scenarios share one MariaDB process, one database and one API and relay process (each has
 * its own application, people and plan, and starts its own senders), except the database outage,
 * which kills its own MariaDB and so runs its own deployment. Sizes fit a two-core machine; every
 * wait is bounded. The last scenario scans every log the run wrote for the secrets it handed out,
 * so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class FaultSuiteTest
{
    // A plan with repeats and a last step with wait 0: user 1 is paged at 0, 2 and 4 s, then the
    // team (users 2 and 3) once, and the plan ends in the same moment.
    private static final List<Tenant.Step> REPEATS_THEN_WAIT_ZERO = List.of(
            new Tenant.Step("user", "u1", 2, 2),
            new Tenant.Step("team", "team", 0, 0));
    private static final int PAGES_PER_INCIDENT = 3 + 2;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);
    private static final Duration PER_INCIDENT_LIMIT = Duration.ofSeconds(60);

    private static MariaDbServer database;
    private static IrisDeployment shared;

    @BeforeAll
    static void startSharedDeployment()
            throws IOException
    {
        SuitePaths.deleteRecursively(SuitePaths.output());
        Files.createDirectories(SuitePaths.output());
        long start = System.nanoTime();
        database = MariaDbServer.startNew("mariadb-shared", dataDirectory("shared"));
        shared = IrisDeployment.create("shared", database);
        shared.startApi();
        shared.startRelay();
        System.out.println("[fault-suite] shared MariaDB, API and relay up in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }

    @AfterAll
    static void stopSharedDeployment()
    {
        try {
            if (shared != null) {
                shared.close();
            }
        }
        finally {
            if (database != null) {
                database.close();
            }
            System.out.println("[fault-suite] figures of this run:\n" + Figures.table());
        }
    }

    @Test
    @Order(1)
    void baseline()
    {
        try (Scenario scenario = Scenario.begin("baseline", shared)) {
            scenario.startSenders(1);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), REPEATS_THEN_WAIT_ZERO));

            LoadResult load = Triggers.fire(scenario.tenant().client(), plan, 300, 4, Duration.ZERO, PER_INCIDENT_LIMIT);
            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(), "1 sender; plan: 3 rounds, then a team with wait 0"));

            assertThat(load.count(201)).as("incidents created: %s", load).isEqualTo(300);
            assertNoLossNoDuplicate(scenario, ledger);
            assertThat(ledger.owed()).as("pages owed: 5 per incident (%s)", ledger.statuses()).hasSize(300 * PAGES_PER_INCIDENT);
        }
    }

    /**
     * The sender is SIGKILLed while sends are in flight (the receiver takes 300 ms to answer) and
     * started again. Nothing may be lost; a page may arrive twice only if its first delivery was
     * in flight when the sender died, and then again only after {@code sendDeadline} (docs/sender.md).
     */
    @Test
    @Order(2)
    void senderKilledMidRun()
    {
        try (Scenario scenario = Scenario.begin("sender-kill", shared)) {
            scenario.receiver().answerAfter(Duration.ofMillis(300));
            IrisProcess sender = scenario.startSenders(1).get(0);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), REPEATS_THEN_WAIT_ZERO));

            LoadResult load = Triggers.fire(scenario.tenant().client(), plan, 120, 4, Duration.ZERO, PER_INCIDENT_LIMIT);
            boolean midRun = Deadline.after(Duration.ofSeconds(90)).await(
                    () -> scenario.receiver().deliveries().stream().filter(Delivery::accepted).count() >= 150, Duration.ofMillis(50));
            assertThat(midRun).as("150 deliveries before the kill" + scenario.logs()).isTrue();
            Instant killed = Instant.now();
            sender.kill();
            sender.start();

            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            Duration sendDeadline = shared.senderSettings().sendDeadline();
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(),
                    "SIGKILL after 150 deliveries, restarted; duplicates allowed for sends in flight at the kill"));

            assertThat(ledger.lost()).as(ledger.describeLost() + scenario.logs()).isEmpty();
            assertThat(ledger.unsigned()).isZero();
            assertThat(ledger.owed()).as("pages owed (%s)", ledger.statuses()).hasSize(120 * PAGES_PER_INCIDENT);
            for (Map.Entry<Long, List<Delivery>> duplicate : ledger.duplicated().entrySet()) {
                List<Delivery> deliveries = duplicate.getValue();
                Instant first = deliveries.get(0).arrived();
                assertThat(deliveries).as("message %s delivered more than twice: %s", duplicate.getKey(), deliveries).hasSize(2);
                assertThat(first).as("message %s was first delivered at %s, not in flight at the kill (%s): %s", duplicate.getKey(), first, killed, deliveries)
                        .isBetween(killed.minus(sendDeadline), killed.plusSeconds(1));
                assertThat(deliveries.get(1).arrived()).as("message %s sent again before its sendDeadline passed: %s", duplicate.getKey(), deliveries)
                        .isAfter(killed);
            }
        }
    }

    /**
     * The database is SIGKILLed for 15 s while incidents are triggered. Every incident answered
     * 201 must be paged; while the database is away the API answers 503 with Retry-After (which
     * the load generator honours), never 500, and never 401 to a correctly signed request; the
     * API and the sender recover without a restart.
     */
    @Test
    @Order(3)
    void databaseKilledDuringTriggers()
            throws Exception
    {
        try (MariaDbServer ownDatabase = MariaDbServer.startNew("mariadb-outage", dataDirectory("outage"));
                IrisDeployment deployment = IrisDeployment.create("outage", ownDatabase)) {
            IrisProcess api = deployment.startApi();
            try (Scenario scenario = Scenario.begin("db-outage", deployment)) {
                IrisProcess sender = scenario.startSenders(1).get(0);
                String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), List.of(
                        new Tenant.Step("user", "u1", 1, 2),
                        new Tenant.Step("team", "team", 0, 0))));

                CompletableFuture<LoadResult> triggering = CompletableFuture.supplyAsync(
                        () -> Triggers.fire(scenario.tenant().client(), plan, 100, 2, Duration.ofMillis(400), PER_INCIDENT_LIMIT));
                Deadline.after(Duration.ofSeconds(4)).pause(Duration.ofSeconds(4));
                ownDatabase.kill();
                // The outage itself: nothing to poll, the database is simply away this long.
                Deadline.after(Duration.ofSeconds(15)).pause(Duration.ofSeconds(15));
                ownDatabase.start();
                LoadResult load = triggering.get(5, TimeUnit.MINUTES);

                boolean recovered = Deadline.after(Duration.ofSeconds(60)).await(() -> api.healthy() && sender.healthy(), Duration.ofMillis(500));
                Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
                Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(),
                        "MariaDB SIGKILLed for 15 s during triggers; " + load.count(503) + " answers 503 (retried)"));

                assertThat(recovered).as("API and sender healthy again without a restart" + scenario.logs()).isTrue();
                assertThat(api.isAlive() && sender.isAlive()).as("API and sender still the same processes").isTrue();
                assertThat(load.serverErrorsBut503()).as("5xx other than 503: %s%s", load, scenario.logs()).isZero();
                assertThat(load.count(401)).as("401 for correctly signed requests: %s%s", load, scenario.logs()).isZero();
                assertThat(load.gaveUpCount()).as("incidents the client gave up on: %s", load).isZero();
                List<Long> created = load.createdIncidents().stream().map(LoadResult.Created::incidentId).toList();
                List<Long> stored = deployment.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM incident WHERE application_id = :app")
                        .bind("app", scenario.tenant().applicationId()).mapTo(Long.class).list());
                assertThat(stored).as("every incident answered 201 is in the database").containsAll(created);
                assertThat(ledger.lost()).as(ledger.describeLost() + scenario.logs()).isEmpty();
                assertThat(ledger.unsigned()).isZero();
                List<Long> paged = ledger.rows().stream().filter(row -> ledger.delivered().contains(row.id())).map(Ledger.Row::incidentId).distinct().toList();
                assertThat(paged).as("every incident answered 201 is paged").containsAll(created);
            }
        }
    }

    /**
     * The vendor fails 30 % of requests: 20 % answered 500, 10 % held past the vendor's 2 s
     * timeout. Every page must still arrive, once.
     */
    @Test
    @Order(4)
    void flakyVendor()
    {
        try (Scenario scenario = Scenario.begin("flaky-vendor", shared)) {
            scenario.receiver().failRandomly(0.2, 0.1, Duration.ofSeconds(5), 11);
            scenario.startSenders(1);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), List.of(
                    new Tenant.Step("user", "u1", 1, 2),
                    new Tenant.Step("team", "team", 0, 0))));

            LoadResult load = Triggers.fire(scenario.tenant().client(), plan, 100, 4, Duration.ZERO, PER_INCIDENT_LIMIT);
            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            long failedRequests = scenario.receiver().deliveries().stream().filter(delivery -> !delivery.accepted()).count();
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(),
                    "vendor: 20 % 500, 10 % hang past the 2 s timeout; " + failedRequests + " of " + scenario.receiver().deliveries().size()
                            + " vendor requests failed"));

            assertThat(load.count(201)).as("incidents created: %s", load).isEqualTo(100);
            assertNoLossNoDuplicate(scenario, ledger);
            assertThat(ledger.owed()).as("pages owed (%s)", ledger.statuses()).hasSize(100 * 4);
        }
    }

    @Test
    @Order(5)
    void threeSendersOnOneDatabase()
    {
        try (Scenario scenario = Scenario.begin("three-senders", shared)) {
            scenario.startSenders(3);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), REPEATS_THEN_WAIT_ZERO));

            LoadResult load = Triggers.fire(scenario.tenant().client(), plan, 150, 4, Duration.ZERO, PER_INCIDENT_LIMIT);
            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(), "3 senders on one database"));

            assertThat(load.count(201)).as("incidents created: %s", load).isEqualTo(150);
            assertNoLossNoDuplicate(scenario, ledger);
            assertThat(ledger.owed()).as("pages owed (%s)", ledger.statuses()).hasSize(150 * PAGES_PER_INCIDENT);
        }
    }

    @Test
    @Order(6)
    void claimsInTheMiddleOfEscalation()
            throws Exception
    {
        try (Scenario scenario = Scenario.begin("claims", shared)) {
            scenario.startSenders(1);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), List.of(
                    new Tenant.Step("user", "u1", 3, 3),
                    new Tenant.Step("team", "team", 0, 0))));

            LoadResult load = Triggers.fire(scenario.tenant().client(), plan, 40, 4, Duration.ZERO, PER_INCIDENT_LIMIT);
            List<Claims.Claimed> claims = Claims.claimDuringEscalation(scenario.tenant(), load.createdIncidents(), 17);
            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            Claims.Violations violations = Claims.violations(scenario, claims);
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(),
                    claims.size() + " incidents claimed 1-10 s after the trigger; " + violations.summary()));

            assertThat(claims).as("claims answered 200").allSatisfy(claim -> assertThat(claim.status()).as(claim.toString()).isEqualTo(200));
            assertThat(violations.lateDeliveries()).as("deliveries that started after the claim's response" + scenario.logs()).isEmpty();
            assertThat(violations.messagesAfterClaim()).as("messages created after the claim committed" + scenario.logs()).isEmpty();
            assertNoLossNoDuplicate(scenario, ledger);
        }
    }

    /**
     * Alertmanager-style repeats of one alert while the sender escalates the incident they open:
     * one incident, every post answered 201 (the first) or 200 (deduplicated), never 5xx.
     */
    @Test
    @Order(7)
    void burstOfRepeatedWebhookPosts()
    {
        try (Scenario scenario = Scenario.begin("webhook-burst", shared)) {
            scenario.startSenders(1);
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), List.of(
                    new Tenant.Step("user", "u1", 5, 2),
                    new Tenant.Step("team", "team", 0, 0))));

            // The plan pages every 2 s for 12 s, longer than the posts take (about 6 s): once a plan
            // has run out, the same alert rightly opens a new incident (docs/operations.md).
            LoadResult load = WebhookPosts.repeat(scenario, plan, "disk-full-db-1", 100, 4, Duration.ofMillis(200));
            long incidents = shared.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM incident WHERE application_id = :app")
                    .bind("app", scenario.tenant().applicationId()).mapTo(Long.class).one());
            Ledger.Reconciliation ledger = scenario.awaitSettled(SETTLE_LIMIT);
            Figures.record(Figures.of(scenario.name(), load, ledger, scenario.elapsed(), "100 generic-webhook posts of one alert, 4 at a time"));

            assertThat(load.serverErrors()).as("5xx answers: %s%s", load, scenario.logs()).isZero();
            assertThat(load.count(201)).as("%s", load).isEqualTo(1);
            assertThat(load.count(200)).as("%s", load).isEqualTo(99);
            assertThat(incidents).as("incidents opened by one alert").isEqualTo(1);
            assertNoLossNoDuplicate(scenario, ledger);
        }
    }

    @Test
    @Order(8)
    void uiLoginOnThePackagedApiJar()
    {
        UiLogin.Result login = UiLogin.logIn(shared);

        assertThat(login.loginStatus()).as("POST /login: %s%s", login, shared.api().tail()).isEqualTo(303);
        assertThat(login.pageStatus()).as("the page after login: %s", login).isEqualTo(200);
        assertThat(login.page()).as("a logged-in page").contains("Log out " + login.username());
    }

    /**
     * Runs last: after the webhook and heartbeat calls with {@code ?key=}, a relay forward signed
     * with the relay key and the UI login, no secret the suite handed out may appear in any log
     * file the run wrote.
     */
    @Test
    @Order(9)
    void noSecretInAnyLog()
    {
        try (Scenario scenario = Scenario.begin("secrets", shared)) {
            String plan = scenario.tenant().createPlan("plan", steps(scenario.tenant(), List.of(new Tenant.Step("user", "u1", 0, 0))));
            SecretCalls.Answers answers = SecretCalls.exercise(scenario, plan);
            if (!UiLogin.attempted()) {
                UiLogin.logIn(shared);
            }

            List<String> leaks = LogScan.findSecrets(SuitePaths.output());

            SoftAssertions softly = new SoftAssertions();
            Map<String, Long> leaksBySecretAndFile = leaks.stream().collect(java.util.stream.Collectors.groupingBy(
                    leak -> leak.substring(0, leak.indexOf(".log:") + 4), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
            softly.assertThat(leaks.stream().limit(15).toList())
                    .as("secrets in the logs of this run (%d lines: %s; the first 15 shown)", leaks.size(), leaksBySecretAndFile)
                    .isEmpty();
            softly.assertThat(answers.webhook()).as("generic webhook with ?key=").isIn(200, 201);
            softly.assertThat(answers.heartbeat()).as("heartbeat with ?key=").isBetween(200, 299);
            softly.assertThat(answers.relay()).as("the relay's forward of an inbound mail, signed with the relay key").isBetween(200, 499).isNotEqualTo(401);
            softly.assertAll();
        }
    }

    private static void assertNoLossNoDuplicate(Scenario scenario, Ledger.Reconciliation ledger)
    {
        assertThat(ledger.lost()).as(ledger.describeLost() + scenario.logs()).isEmpty();
        assertThat(ledger.duplicated()).as("pages delivered more than once").isEmpty();
        assertThat(ledger.unsigned()).as("deliveries with a wrong signature").isZero();
    }

    private static List<Tenant.Step> steps(Tenant tenant, List<Tenant.Step> template)
    {
        List<Tenant.Step> steps = new ArrayList<>();
        for (Tenant.Step step : template) {
            String target = switch (step.target()) {
                case "u1" -> tenant.user(0);
                case "team" -> tenant.team();
                default -> throw new IllegalArgumentException(step.target());
            };
            steps.add(new Tenant.Step(step.role(), target, step.repeat(), step.waitSeconds()));
        }
        return steps;
    }

    private static Path dataDirectory(String name)
    {
        // Outside the log folder: the data files hold the keys, and the log scan reads every file there.
        return SuitePaths.root().resolve("iris-faults").resolve("target").resolve("fault-suite-data").resolve(name);
    }
}
