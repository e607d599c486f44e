package dev.iris.faults.bench;

import dev.iris.faults.harness.IrisDeployment;
import dev.iris.faults.harness.IrisProcess;
import dev.iris.faults.harness.MariaDbServer;
import dev.iris.faults.harness.SenderSettings;
import dev.iris.faults.harness.SuitePaths;
import dev.iris.faults.harness.Tenant;
import dev.iris.testing.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 18's whole-path benchmark (see bench/README.md): the packaged iris-api and iris-sender
 * jars as separate processes with the production configs, on a MariaDB server process, signed
 * HTTP triggers from {@link LoadGenerator}, the {@code webhook} vendor posting to
 * {@link LatencyReceiver}; the clock stops when the receiver gets the request. In the same run,
 * the raw rate of the trigger's own transaction by plain JDBC at the same concurrency, so the
 * results are ratios that hold on a noisy machine.
 *
 * <p>Not a test: it runs only with {@code -Diris.bench=true}, asserts nothing and logs
 * {@code BENCH} lines. {@code -Diris.bench.seconds} sets the length of a measured phase (default
 * 20), {@code -Diris.bench.jfr=true} records a JFR profile of each process next to its log,
 * {@code -Diris.bench.drainLatencies=0,100,300} the receiver latencies of the drain phases,
 * {@code -Diris.bench.jvmOptions="..."} JVM options for the api and sender processes.
 */
@EnabledIfSystemProperty(named = "iris.bench", matches = "true")
final class WholePathBenchmark
{
    private static final Logger log = LoggerFactory.getLogger(WholePathBenchmark.class);
    private static final int CLIENTS = 16;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("iris.bench.seconds", 20));
    private static final int DRAIN_INCIDENTS = Integer.getInteger("iris.bench.drainIncidents", 3000);
    private static final int DRAIN_WARMUP = Integer.getInteger("iris.bench.drainWarmup", 1000);
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(120);
    // With -Diris.bench.statementTimes=true the server runs with its performance schema, and each
    // phase reports the statements that took most of the server's time (it costs the server CPU,
    // so it is off unless asked for).
    private static final boolean STATEMENT_TIMES = Boolean.getBoolean("iris.bench.statementTimes");
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("iris.bench.warmupSeconds", 10));
    // Added after the suite's JVM options (C1 only, serial GC, 384 MB heap). With the full JIT
    // (-XX:TieredStopAtLevel=4) C2 compiled for minutes on two shared cores and took more CPU
    // than the work in a run this short (bench/README.md), so the default keeps the suite's.
    private static final List<String> JVM_OPTIONS = System.getProperty("iris.bench.jvmOptions", "").isBlank()
            ? List.of()
            : List.of(System.getProperty("iris.bench.jvmOptions").trim().split("\\s+"));

    private MariaDbServer server;
    private IrisDeployment deployment;
    private LatencyReceiver receiver;
    private final List<IrisProcess> senders = new ArrayList<>();
    private int senderCount;

    @Test
    void wholePath()
            throws Exception
    {
        Files.createDirectories(SuitePaths.output());
        report("machine: %d cores, load average %s, java %s, extra JVM options of api and sender: %s", Runtime.getRuntime().availableProcessors(),
                ProcessStats.loadAverage(), System.getProperty("java.version"), JVM_OPTIONS);
        try (MariaDbServer database = MariaDbServer.startNew("mariadb-bench", SuitePaths.root().resolve("iris-faults/target/bench-mariadb"),
                STATEMENT_TIMES ? List.of("--performance-schema=ON") : List.of());
                LatencyReceiver latencyReceiver = LatencyReceiver.start();
                IrisDeployment iris = IrisDeployment.create("bench", database, SenderSettings::production)) {
            server = database;
            receiver = latencyReceiver;
            deployment = iris;
            deployment.startApi(jvmOptions("iris-api"));
            Tenant tenant = Tenant.seed(deployment, "bench", receiver::url);
            String plan = tenant.createPlan("plan", List.of(new Tenant.Step("user", tenant.user(0), 0, 0)));
            // An application paging 1,000 incidents a second has a quota that allows it.
            deployment.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold,
                                                   hard_quota_duration, soft_quota_duration, wait_time)
                    VALUES (?, 10000000, 10000000, 60, 60, 3600)""", tenant.applicationId()));
            long planId = deployment.jdbi().withHandle(handle -> handle.createQuery("SELECT plan_id FROM plan_active WHERE name = :name")
                    .bind("name", plan).mapTo(Long.class).one());
            try (LoadGenerator load = new LoadGenerator(deployment.apiUri(), tenant.application(), tenant.key(), plan)) {
                // Warm the API's JIT and pools; nothing of it is measured.
                LoadGenerator.Run warmup = load.concurrent(CLIENTS, WARMUP);
                report("warm-up: %s in %.1f s", warmup, warmup.seconds());
                forgetPendingIncidents();

                double raw = rawTriggerTransactions(planId, tenant.applicationId(), tenant.application());
                forgetPendingIncidents();
                apiTriggersWithoutSender(load, raw);
                forgetPendingIncidents();

                startSenders(1);
                triggerToVendorLatency(load, 100);
                sustained(load, 1000);
                stopSenders();

                for (String latency : System.getProperty("iris.bench.drainLatencies", "300").split(",")) {
                    for (int count : List.of(1, 3)) {
                        drain(load, Duration.ofMillis(Long.parseLong(latency.trim())), count);
                    }
                }
                reportMemory("end");
            }
            finally {
                stopSenders();
            }
        }
    }

    /**
     * The trigger's own transaction ({@code incident}, {@code incident_event} and
     * {@code escalation_work} rows, one commit) by plain JDBC from {@link #CLIENTS} connections.
     *
     * @return commits a second
     */
    private double rawTriggerTransactions(long planId, long applicationId, String application)
            throws Exception
    {
        Meter meter = new Meter();
        AtomicLong commits = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        long end = start + PHASE.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                workers.add(threads.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(server.rootUrl("iris_bench"), "root", "");
                            PreparedStatement incident = connection.prepareStatement("""
                                    INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active, dedup_key)
                                    VALUES (?, NOW(3), NOW(3), ?, ?, 0, 1, NULL)""", Statement.RETURN_GENERATED_KEYS);
                            PreparedStatement event = connection.prepareStatement("""
                                    INSERT INTO incident_event (incident_id, created, kind, actor, description)
                                    VALUES (?, NOW(3), 'created', ?, '')""");
                            PreparedStatement work = connection.prepareStatement(
                                    "INSERT INTO escalation_work (incident_id, due_at) VALUES (?, NOW(3)) ON DUPLICATE KEY UPDATE due_at = NOW(3)")) {
                        connection.setAutoCommit(false);
                        long n = 0;
                        while (System.nanoTime() - end < 0) {
                            incident.setLong(1, planId);
                            incident.setString(2, "{\"title\": \"bench incident\", \"n\": " + n++ + "}");
                            incident.setLong(3, applicationId);
                            incident.executeUpdate();
                            long id;
                            try (ResultSet keys = incident.getGeneratedKeys()) {
                                keys.next();
                                id = keys.getLong(1);
                            }
                            event.setLong(1, id);
                            event.setString(2, application);
                            event.executeUpdate();
                            work.setLong(1, id);
                            work.executeUpdate();
                            connection.commit();
                            commits.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(PHASE.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = commits.get() / seconds;
        report("raw trigger transaction, plain JDBC, %d connections, %.0f s: %d commits = %.0f/s", CLIENTS, seconds, commits.get(), rate);
        meter.report("raw transaction", commits.get());
        return rate;
    }

    private void apiTriggersWithoutSender(LoadGenerator load, double raw)
    {
        Meter meter = new Meter();
        LoadGenerator.Run run = load.concurrent(CLIENTS, PHASE);
        double rate = run.created() / run.seconds();
        List<Long> answers = run.sortedAnswerMillis();
        report("API triggers, sender stopped, %d clients, %.0f s: %s = %.0f/s = %.1f%% of the raw rate; 201 after p50 %d ms, p99 %d ms, max %d ms",
                CLIENTS, run.seconds(), run, rate, 100 * rate / raw, percentile(answers, 50), percentile(answers, 99), max(answers));
        meter.report("API trigger", run.created());
        reportMemory("after API triggers");
    }

    private void triggerToVendorLatency(LoadGenerator load, int perSecond)
    {
        receiver.latency(Duration.ZERO);
        load.rate(perSecond, Duration.ofSeconds(5));
        awaitDeliveries(receiver.requests() + 1, Duration.ofSeconds(10));
        receiver.reset();
        Meter meter = new Meter();
        LoadGenerator.Run run = load.rate(perSecond, PHASE);
        awaitArrivals(run);
        List<Long> latencies = latencies(run);
        report("HTTP trigger -> vendor request at %d/s, %d sender, %.0f s: %s; p50 %d ms, p99 %d ms, max %d ms (%d delivered)",
                perSecond, senderCount, run.seconds(), run, percentile(latencies, 50), percentile(latencies, 99), max(latencies), latencies.size());
        meter.report("incident end to end", run.created());
        reportRepeats(run);
    }

    private void sustained(LoadGenerator load, int perSecond)
    {
        receiver.latency(Duration.ZERO);
        receiver.reset();
        Meter meter = new Meter();
        LoadGenerator.Run run = new LoadGenerator.Run();
        List<String> backlog = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> backlog.add(String.valueOf(Math.max(0, run.created() - receiver.arrivals().size()))), 2, 2, TimeUnit.SECONDS);
        try {
            load.rate(perSecond, PHASE, run);
        }
        finally {
            sampler.shutdownNow();
        }
        awaitArrivals(run);
        long last = receiver.arrivals().values().stream().mapToLong(Long::longValue).max().orElse(start);
        List<Long> latencies = latencies(run);
        report("sustained %d/s offered, %d sender, %.0f s: %s = %.0f triggers/s accepted; all %d delivered %.1f s after the start = %.0f incidents/s end to end;"
                        + " backlog (created - delivered) every 2 s: %s; p50 %d ms, p99 %d ms, max %d ms",
                perSecond, senderCount, run.seconds(), run, run.created() / run.seconds(), latencies.size(), (last - start) / 1e9,
                latencies.size() / ((last - start) / 1e9), String.join(", ", List.copyOf(backlog)), percentile(latencies, 50), percentile(latencies, 99), max(latencies));
        meter.report("incident end to end", run.created());
        reportRepeats(run);
        reportMemory("after sustained");
    }

    /**
     * {@link #DRAIN_INCIDENTS} incidents triggered while no sender runs and held back, then
     * {@code count} senders started and warmed up on {@link #DRAIN_WARMUP} incidents triggered
     * and delivered at once (not measured: a sender that just started spends the first seconds of
     * a storm compiling its hot paths, 15 % of its CPU in the drain when it started cold), then
     * let loose on the held-back ones with a vendor answering after {@code latency}: messages a
     * second from the first request to the last.
     */
    private void drain(LoadGenerator load, Duration latency, int count)
            throws Exception
    {
        receiver.latency(latency);
        LoadGenerator.Run run = load.concurrent(CLIENTS, Duration.ofSeconds(60), DRAIN_INCIDENTS);
        deployment.jdbi().useHandle(handle -> handle.execute("UPDATE escalation_work SET due_at = NOW(3) + INTERVAL 1 DAY"));
        startSenders(count);
        if (DRAIN_WARMUP > 0) {
            receiver.reset();
            awaitArrivals(load.concurrent(CLIENTS, Duration.ofSeconds(60), DRAIN_WARMUP));
        }
        receiver.reset();
        Meter meter = new Meter();
        long start = System.nanoTime();
        deployment.jdbi().useHandle(handle -> handle.execute("UPDATE escalation_work SET due_at = NOW(3)"));
        awaitArrivals(run);
        List<Long> arrivals = new ArrayList<>(receiver.arrivals().values());
        arrivals.sort(null);
        int delivered = arrivals.size();
        double firstToLast = delivered < 2 ? 0 : (arrivals.get(delivered - 1) - arrivals.get(0)) / 1e9;
        int p10 = delivered / 10;
        int p90 = delivered * 9 / 10;
        double middle = delivered < 10 ? 0 : (p90 - p10) / ((arrivals.get(p90) - arrivals.get(p10)) / 1e9);
        report("drain with a %d ms vendor, %d sender(s) warmed up on %d messages: %d of %d messages in %.1f s after release"
                        + " = %.0f messages/s first to last request, %.0f/s between the 10th and 90th percentile",
                latency.toMillis(), count, DRAIN_WARMUP, delivered, run.created(), delivered == 0 ? 0 : (arrivals.get(delivered - 1) - start) / 1e9,
                firstToLast == 0 ? 0 : delivered / firstToLast, middle);
        meter.report("delivered message", delivered);
        reportRepeats(run);
        reportMemory("after drain");
        stopSenders();
    }

    /**
     * At-least-once accounting since the receiver's last reset: requests beyond the first about
     * each incident (a page sent again: a send deadline that passed, a retried vendor call), and
     * requests about incidents the phase did not trigger.
     */
    private void reportRepeats(LoadGenerator.Run run)
    {
        long others = receiver.arrivals().keySet().stream().filter(incident -> !run.sentAt.containsKey(incident)).count();
        long attempted = deployment.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM message WHERE attempts > 1")
                .mapTo(Long.class).one());
        long paged = deployment.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT COUNT(*) FROM (SELECT incident_id FROM message GROUP BY incident_id HAVING COUNT(*) > 1) more""").mapTo(Long.class).one());
        report("  receiver: %d requests about %d incidents (%d repeated), %d of them about incidents not triggered in this phase;"
                        + " so far %d messages claimed more than once, %d incidents with more than one message",
                receiver.requests(), receiver.arrivals().size(), receiver.requests() - receiver.arrivals().size(), others, attempted, paged);
    }

    private void startSenders(int count)
    {
        List<CompletableFuture<IrisProcess>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "sender-" + (++senderCount);
            starting.add(CompletableFuture.supplyAsync(() -> deployment.startSender("bench", name, jvmOptions(name))));
        }
        for (CompletableFuture<IrisProcess> sender : starting) {
            senders.add(sender.join());
        }
        senderCount = senders.size();
    }

    private void stopSenders()
    {
        for (IrisProcess sender : senders) {
            sender.close();
        }
        senders.clear();
        senderCount = 0;
    }

    /**
     * Forgets the incidents that were triggered while no sender ran, so no later phase works off
     * their backlog.
     */
    private void forgetPendingIncidents()
    {
        deployment.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM escalation_work");
            handle.execute("UPDATE incident SET active = 0 WHERE active = 1");
        });
    }

    private void awaitArrivals(LoadGenerator.Run run)
    {
        Deadline.after(DELIVERY_LIMIT).await(() -> receiver.arrivals().keySet().containsAll(run.sentAt.keySet()), Duration.ofMillis(100));
    }

    private void awaitDeliveries(long requests, Duration limit)
    {
        Deadline.after(limit).await(() -> receiver.requests() >= requests, Duration.ofMillis(100));
    }

    private List<Long> latencies(LoadGenerator.Run run)
    {
        List<Long> latencies = new ArrayList<>();
        run.sentAt.forEach((incident, sent) -> {
            Long arrived = receiver.arrivals().get(incident);
            if (arrived != null) {
                latencies.add((arrived - sent) / 1_000_000);
            }
        });
        latencies.sort(null);
        return latencies;
    }

    private List<String> jvmOptions(String process)
    {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        if (Boolean.getBoolean("iris.bench.jfr")) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + deployment.logs().resolve(process + ".jfr"));
        }
        return options;
    }

    private void reportMemory(String when)
    {
        Map<String, Long> processes = processes();
        List<String> parts = new ArrayList<>();
        processes.forEach((name, pid) -> parts.add("%s %d MB (peak %d MB)".formatted(name, ProcessStats.residentMb(pid), ProcessStats.peakResidentMb(pid))));
        report("  resident memory %s: %s", when, String.join(", ", parts));
    }

    private Map<String, Long> processes()
    {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("api", deployment.api().pid());
        for (IrisProcess sender : senders) {
            processes.put(sender.name().replace("bench-", ""), sender.pid());
        }
        processes.put("mariadb", server.process().pid());
        processes.put("bench", ProcessHandle.current().pid());
        return processes;
    }

    /**
     * The cost of a phase, whatever else the machine did: statements the server ran (its
     * {@code Questions} counter) and each process's CPU time, per incident.
     */
    private final class Meter
    {
        private final long questions = questions();
        private final Map<String, Long> cpu = new LinkedHashMap<>();
        private final long start = System.nanoTime();
        private final String load = ProcessStats.loadAverage();

        Meter()
        {
            processes().forEach((name, pid) -> cpu.put(name, ProcessStats.cpuMillis(pid)));
            if (STATEMENT_TIMES) {
                rootStatement(statement -> statement.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest"));
            }
        }

        void report(String what, long count)
        {
            if (count == 0) {
                return;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long statements = questions() - questions;
            List<String> parts = new ArrayList<>();
            processes().forEach((name, pid) -> {
                long used = ProcessStats.cpuMillis(pid) - cpu.getOrDefault(name, 0L);
                parts.add("%s %.2f ms (%.0f%% of a core)".formatted(name, (double) used / count, 100 * used / 1000.0 / seconds));
            });
            WholePathBenchmark.report("  per %s: %.1f statements; CPU %s; load average %s -> %s", what, (double) statements / count, String.join(", ", parts),
                    load, ProcessStats.loadAverage());
            if (STATEMENT_TIMES) {
                reportStatementTimes(count);
            }
        }

        /**
         * The statements that took most of the server's time, then those that ran most often
         * (a cheap statement run for every incident costs a round trip on both sides all the same).
         */
        private void reportStatementTimes(long count)
        {
            rootStatement(statement -> {
                for (String order : List.of("SUM_TIMER_WAIT", "COUNT_STAR")) {
                    try (ResultSet rows = statement.executeQuery("""
                            SELECT LEFT(REGEXP_REPLACE(DIGEST_TEXT, '[[:space:]]+', ' '), 110) AS text, COUNT_STAR AS runs, SUM_TIMER_WAIT / 1000000 AS micros,
                                   SUM_TIMER_WAIT / (SELECT SUM(SUM_TIMER_WAIT) FROM performance_schema.events_statements_summary_by_digest) AS share
                            FROM performance_schema.events_statements_summary_by_digest
                            ORDER BY %s DESC LIMIT 8""".formatted(order))) {
                        WholePathBenchmark.report("    by %s:", order.equals("COUNT_STAR") ? "runs" : "server time");
                        while (rows.next()) {
                            WholePathBenchmark.report("    %4.1f%% of server time, %.2f runs and %.0f us per incident: %s", 100 * rows.getDouble("share"),
                                    rows.getDouble("runs") / count, rows.getDouble("micros") / count, rows.getString("text"));
                        }
                    }
                }
            });
        }
    }

    private interface StatementWork
    {
        void run(Statement statement)
                throws SQLException;
    }

    private void rootStatement(StatementWork work)
    {
        try (Connection connection = DriverManager.getConnection(server.rootUrl(""), "root", "");
                Statement statement = connection.createStatement()) {
            work.run(statement);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long questions()
    {
        try (Connection connection = DriverManager.getConnection(server.rootUrl(""), "root", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            result.next();
            return result.getLong(2);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(List<Long> sorted, int percentile)
    {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long max(List<Long> sorted)
    {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }

    private static void report(String format, Object... arguments)
    {
        log.warn("BENCH " + format.formatted(arguments));
    }
}
