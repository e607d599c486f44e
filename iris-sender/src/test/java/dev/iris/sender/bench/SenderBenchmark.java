package dev.iris.sender.bench;

import com.codahale.metrics.MetricRegistry;
import dev.iris.core.rolelookup.DatabaseRoleLookup;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.db.Database;
import dev.iris.sender.Sender;
import dev.iris.sender.SenderConfig;
import dev.iris.sender.SenderEngine;
import dev.iris.sender.SenderJdbi;
import dev.iris.db.DatabaseClock;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.dispatch.DispatchSettings;
import dev.iris.sender.dispatch.VendorPool;
import dev.iris.sender.escalation.EscalationService;
import dev.iris.sender.storm.DefaultQuota;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender benchmark (see bench/README.md). Not a test: it only runs with
 * {@code -Diris.bench=true} and prints its measurements.
 */
@EnabledIfSystemProperty(named = "iris.bench", matches = "true")
final class SenderBenchmark
{
    private static final int TRIGGER_THREADS = 8;

    @Test
    void triggerToVendorCallLatency()
            throws Exception
    {
        try (Bench bench = new Bench()) {
            for (int rate : rates()) {
                int seconds = rate >= 1000 ? 5 : 10;
                bench.calls.clear();
                Cost cost = bench.startCounting();
                Map<Long, Instant> triggered = bench.trigger(rate, seconds);
                bench.awaitCalls(triggered.size(), Duration.ofMinutes(5));
                cost.report(triggered.size());
                List<Long> latencies = new ArrayList<>();
                triggered.forEach((incident, at) -> latencies.add(Duration.between(at, bench.calls.get(incident)).toMillis()));
                Collections.sort(latencies);
                report("trigger->vendor call at %d/s for %d s (achieved %.0f triggers/s, %d incidents): p50 %d ms, p99 %d ms, max %d ms",
                        rate, seconds, bench.achievedRate, triggered.size(), percentile(latencies, 50), percentile(latencies, 99),
                        latencies.get(latencies.size() - 1));
                bench.reportBreakdown(triggered);
            }
        }
    }

    @Test
    void sustainedTriggers()
            throws Exception
    {
        try (Bench bench = new Bench()) {
            // Trigger as fast as the trigger threads can commit, and see how fast the sender drains.
            Instant start = Instant.now();
            Map<Long, Instant> triggered = bench.trigger(100_000, 20);
            Instant triggerEnd = Instant.now();
            bench.awaitCalls(triggered.size(), Duration.ofMinutes(10));
            Instant lastCall = bench.calls.values().stream().max(Instant::compareTo).orElseThrow();
            double drained = triggered.size() / (Duration.between(start, lastCall).toMillis() / 1000.0);
            report("sustained: %d incidents triggered in %.1f s (%.0f/s committed by %d threads); all delivered after %.1f s = %.0f incidents/s end to end",
                    triggered.size(), Duration.between(start, triggerEnd).toMillis() / 1000.0, bench.achievedRate, TRIGGER_THREADS,
                    Duration.between(start, lastCall).toMillis() / 1000.0, drained);
        }
    }

    @Test
    void stepTimingWith10000IncidentsEscalatingAtOnce()
            throws Exception
    {
        int incidents = 10_000;
        int waitSeconds = 30;
        try (Bench bench = new Bench()) {
            long plan = bench.jdbi.inTransaction(handle -> new SeedWriter(handle).plan("two-steps", bench.alice, "", List.of(
                    Notification.of(1, "user", bench.alice, "high", "tpl", 0, waitSeconds),
                    Notification.of(2, "user", bench.bob, "high", "tpl", 0, waitSeconds)), 0, 0, 0, 0));
            Instant start = Instant.now();
            bench.jdbi.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                        VALUES (:plan, NOW(3), NOW(3), '{"title": "bench"}', :app, 0, 1)""");
                for (int i = 0; i < incidents; i++) {
                    batch.bind("plan", plan).bind("app", bench.app).add();
                }
                batch.execute();
                handle.execute("INSERT INTO escalation_work (incident_id, due_at) SELECT id, NOW(3) FROM incident WHERE plan_id = ?", plan);
            });
            bench.awaitStepTwoCalls(incidents, Duration.ofMinutes(15));
            report("10,000 incidents triggered at once: step 1 delivered to all within %.1f s", bench.stepOneDoneSeconds(start));
            List<Long> escalationErrors = bench.jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT TIMESTAMPDIFF(MICROSECOND, DATE_ADD(r1.created, INTERVAL :wait SECOND), r2.created) DIV 1000
                            FROM escalation_round r1
                            JOIN plan_notification n1 ON n1.id = r1.plan_notification_id AND n1.step = 1
                            JOIN escalation_round r2 ON r2.incident_id = r1.incident_id
                            JOIN plan_notification n2 ON n2.id = r2.plan_notification_id AND n2.step = 2
                            ORDER BY 1""")
                    .bind("wait", waitSeconds).mapTo(Long.class).list());
            List<Long> callErrors = new ArrayList<>();
            Map<Long, Instant> stepOne = bench.jdbi.withHandle(handle -> {
                Map<Long, Instant> created = new java.util.HashMap<>();
                handle.createQuery("""
                                SELECT r.incident_id, r.created FROM escalation_round r
                                JOIN plan_notification n ON n.id = r.plan_notification_id AND n.step = 1""")
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                        .forEach(entry -> created.put(entry.getKey(), entry.getValue()));
                return created;
            });
            bench.stepTwoCalls.forEach((incident, at) -> callErrors.add(Duration.between(stepOne.get(incident).plusSeconds(waitSeconds), at).toMillis()));
            Collections.sort(callErrors);
            report("step 2 timing error (round created - due): p50 %d ms, p99 %d ms, max %d ms",
                    percentile(escalationErrors, 50), percentile(escalationErrors, 99), escalationErrors.get(escalationErrors.size() - 1));
            report("step 2 timing error (vendor call - due): p50 %d ms, p99 %d ms, max %d ms",
                    percentile(callErrors, 50), percentile(callErrors, 99), callErrors.get(callErrors.size() - 1));
        }
    }

    /**
     * What the run cost, whatever else the machine did: database statements (the server's
     * {@code Questions} counter, which includes the trigger's own 3 inserts and transaction per
     * incident) and this JVM's CPU time (sender plus trigger threads), per incident.
     */
    private record Cost(Jdbi jdbi, long questionsBefore, long cpuNanosBefore)
    {
        static Cost start(Jdbi jdbi)
        {
            return new Cost(jdbi, questions(jdbi), cpuNanos());
        }

        void report(int incidents)
        {
            double statements = (questions(jdbi) - questionsBefore) / (double) incidents;
            double cpuMillis = (cpuNanos() - cpuNanosBefore) / 1e6 / incidents;
            SenderBenchmark.report("  cost per incident: %.1f database statements, %.2f ms JVM CPU", statements, cpuMillis);
        }

        private static long questions(Jdbi jdbi)
        {
            return jdbi.withHandle(handle -> handle.createQuery("SHOW GLOBAL STATUS LIKE 'Questions'")
                    .map((rs, ctx) -> rs.getLong(2)).one());
        }

        private static long cpuNanos()
        {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /**
     * The rates to measure: {@code -Diris.bench.rates=10,100} picks some; all three by default.
     */
    private static int[] rates()
    {
        return java.util.Arrays.stream(System.getProperty("iris.bench.rates", "10,100,1000").split(","))
                .mapToInt(rate -> Integer.parseInt(rate.trim()))
                .toArray();
    }

    private static long percentile(List<Long> sorted, int percentile)
    {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void report(String format, Object... arguments)
    {
        String line = "BENCH " + format.formatted(arguments);
        org.slf4j.LoggerFactory.getLogger(SenderBenchmark.class).warn(line);
    }

    /**
     * A fresh database, one production-configured sender (database clock, its own threads) and a
     * vendor that only notes when it was called.
     */
    private static final class Bench
            implements AutoCloseable
    {
        final Database database;
        final Jdbi jdbi;
        final long alice;
        final long bob;
        final long app;
        final long plan;
        final Map<Long, Instant> calls = new ConcurrentHashMap<>();
        final Map<Long, Instant> stepTwoCalls = new ConcurrentHashMap<>();
        final SenderEngine engine;
        volatile double achievedRate;

        Bench()
        {
            // Enough connections for every sender thread plus the trigger threads: a pool smaller than
            // the threads that use it measures the pool's queue, not the sender.
            TestingMariaDb mariaDb = TestingMariaDb.get();
            database = Database.connect(mariaDb.newDatabaseUrl(), mariaDb.user(), mariaDb.password(), 64, TransactionIsolationLevel.READ_COMMITTED);
            jdbi = SenderJdbi.create(database.dataSource());
            long[] ids = jdbi.inTransaction(handle -> {
                SeedWriter seed = new SeedWriter(handle);
                long alice = seed.user("alice", false, Map.of("sms", "+15550001", "email", "alice@example.com"));
                long bob = seed.user("bob", false, Map.of("sms", "+15550002", "email", "bob@example.com"));
                long app = seed.application("bench", "key", false, List.of("title"));
                seed.application("iris", "iris-key", false, List.of());
                seed.template("tpl", alice, app, List.of("sms", "email"), "{{ title }}", "{{ title }} {{ iris.incident_id }}");
                long plan = seed.plan("one-step", alice, "", List.of(Notification.of(1, "user", alice, "high", "tpl", 0, 3600)), 0, 0, 0, 0);
                return new long[] {alice, bob, app, plan};
            });
            alice = ids[0];
            bob = ids[1];
            app = ids[2];
            plan = ids[3];
            Vendor vendor = new Vendor()
            {
                @Override
                public Set<String> supportedModes()
                {
                    return Set.of("sms", "email", "call", "slack");
                }

                @Override
                public SendResult send(OutboundMessage message)
                {
                    Instant now = Instant.now();
                    if (message.destination().equals("+15550002")) {
                        stepTwoCalls.putIfAbsent(message.incidentId(), now);
                    }
                    else {
                        calls.putIfAbsent(message.incidentId(), now);
                    }
                    return SendResult.accepted();
                }
            };
            Clock clock = new DatabaseClock(jdbi);
            AtomicReference<SenderEngine> running = new AtomicReference<>();
            // The production dispatch rules, quota counting included: the bench app has a quota
            // (as an application sending 1000 incidents a second would) high enough not to drop.
            jdbi.useHandle(handle -> handle.execute("""
                    INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold,
                                                   hard_quota_duration, soft_quota_duration, wait_time)
                    VALUES (?, 10000000, 10000000, 60, 60, 3600)""", app));
            Sender sender = new Sender(jdbi, clock, DispatchSettings.defaults(),
                    new DispatchRules(DispatchRules.IRIS_SMS_OVERRIDE_TEMPLATE, Optional.of(DefaultQuota.iris())), "iris",
                    new VendorPool(List.of(new VendorPool.NamedVendor("bench", vendor)), new SenderConfig().getSendThreads()),
                    new RoleResolver(List.of(new DatabaseRoleLookup(jdbi))), new MetricRegistry(), created -> {
                        SenderEngine engine = running.get();
                        if (engine != null) {
                            engine.wakeDispatcher();
                        }
                    });
            // The production defaults of sender.yaml.
            SenderConfig defaults = new SenderConfig();
            engine = new SenderEngine(sender, clock, defaults.getPollInterval(), defaults.getEscalationBatchSize(),
                    defaults.getDispatchBatchSize(), defaults.getSendThreads(), defaults.getEscalationThreads(), defaults.getDispatchThreads());
            running.set(engine);
            engine.start();
        }

        /**
         * Triggers incidents at {@code rate} per second for {@code seconds}, as the API does (one
         * transaction per incident); returns when each commit returned, by incident.
         */
        Map<Long, Instant> trigger(int rate, int seconds)
                throws Exception
        {
            Map<Long, Instant> triggered = new ConcurrentHashMap<>();
            long total = (long) rate * seconds;
            long intervalNanos = 1_000_000_000L / rate;
            long startNanos = System.nanoTime();
            long endNanos = startNanos + seconds * 1_000_000_000L;
            ExecutorService threads = Executors.newFixedThreadPool(TRIGGER_THREADS);
            List<Future<?>> running = new ArrayList<>();
            for (int thread = 0; thread < TRIGGER_THREADS; thread++) {
                int offset = thread;
                running.add(threads.submit(() -> {
                    for (long i = offset; i < total; i += TRIGGER_THREADS) {
                        long due = startNanos + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() > endNanos) {
                            return;
                        }
                        long incident = createIncident();
                        triggered.put(incident, Instant.now());
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            threads.shutdown();
            achievedRate = triggered.size() / ((System.nanoTime() - startNanos) / 1e9);
            return triggered;
        }

        private long createIncident()
        {
            return jdbi.inTransaction(handle -> {
                long id = handle.createUpdate("""
                                INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                                VALUES (:plan, NOW(3), NOW(3), '{"title": "bench"}', :app, 0, 1)""")
                        .bind("plan", plan).bind("app", app)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, NOW(3), 'created')", id);
                handle.execute("INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3))", id);
                return id;
            });
        }

        Cost startCounting()
        {
            return Cost.start(jdbi);
        }

        /**
         * Splits the latency into escalation (commit -> message row) and dispatch (message row ->
         * vendor call), from the rows' creation times.
         */
        void reportBreakdown(Map<Long, Instant> triggered)
        {
            Map<Long, Instant> messageCreated = new java.util.HashMap<>();
            jdbi.useHandle(handle -> handle.createQuery("SELECT incident_id, created FROM message WHERE incident_id IN (<ids>)")
                    .bindList("ids", new ArrayList<>(triggered.keySet()))
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                    .forEach(entry -> messageCreated.merge(entry.getKey(), entry.getValue(), (a, b) -> a.isBefore(b) ? a : b)));
            List<Long> escalation = new ArrayList<>();
            List<Long> dispatch = new ArrayList<>();
            triggered.forEach((incident, at) -> {
                Instant created = messageCreated.get(incident);
                escalation.add(Duration.between(at, created).toMillis());
                dispatch.add(Duration.between(created, calls.get(incident)).toMillis());
            });
            Collections.sort(escalation);
            Collections.sort(dispatch);
            report("  escalation (commit -> message row): p50 %d ms, p99 %d ms; dispatch (message row -> vendor call): p50 %d ms, p99 %d ms",
                    percentile(escalation, 50), percentile(escalation, 99), percentile(dispatch, 50), percentile(dispatch, 99));
        }

        void awaitCalls(int count, Duration timeout)
        {
            Instant deadline = Instant.now().plus(timeout);
            while (calls.size() < count && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            if (calls.size() < count) {
                throw new IllegalStateException("only " + calls.size() + " of " + count + " incidents reached the vendor");
            }
        }

        void awaitStepTwoCalls(int count, Duration timeout)
        {
            Instant deadline = Instant.now().plus(timeout);
            while (stepTwoCalls.size() < count && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            if (stepTwoCalls.size() < count) {
                throw new IllegalStateException("only " + stepTwoCalls.size() + " of " + count + " incidents reached step 2");
            }
        }

        double stepOneDoneSeconds(Instant start)
        {
            Instant last = calls.values().stream().max(Instant::compareTo).orElse(start);
            return Duration.between(start, last).toMillis() / 1000.0;
        }

        @Override
        public void close()
                throws Exception
        {
            engine.stop();
            database.close();
        }
    }
}
