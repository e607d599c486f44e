package dev.iris.core.stats;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Iris's statistics, computed in real time from the incident and message tables (Iris's
 * {@code app-stats.real_time} mode). Every statistic is reported at seven points: now rounded down
 * to the hour, and the same moment one to six weeks earlier, as {@code {stat: [{ts: value}, ...]}}.
 * "Last week" values cover the seven days before each point.
 *
 * <p>The SQL is fixed text chosen from allowlists (never built from input) and runs under
 * {@code ONLY_FULL_GROUP_BY}; the median uses window functions (MySQL 8, MariaDB 10.2+) instead
 * of Iris's session-variable trick.
 */
public final class StatsService
{
    public static final int POINTS = 7;

    private static final String LAST_WEEK = "created > :at - INTERVAL 1 WEEK AND created < :at";
    private static final String SENT_LAST_WEEK = "sent > :at - INTERVAL 1 WEEK AND sent < :at";
    private static final String APP = "(:app IS NULL OR application_id = :app)";

    /** Statistics with one value per point, for all of Iris or for one application. */
    private static final Map<String, String> SCALAR = new LinkedHashMap<>();
    /** Statistics only {@code GET /v0/stats} reports (not per application). */
    private static final Set<String> GLOBAL_ONLY = Set.of("total_plans", "total_active_users", "total_applications");
    /** Statistics only per-application stats report. */
    private static final Set<String> APPLICATION_ONLY = Set.of("total_call_retry_last_week", "high_priority_incidents_last_week");
    /** Statistics {@code GET /v0/singlestats/{stat}} breaks down per application: value per application name. */
    private static final Map<String, String> PER_APPLICATION = new LinkedHashMap<>();

    static {
        SCALAR.put("total_plans", "SELECT COUNT(*) FROM plan WHERE created <= :at");
        SCALAR.put("total_incidents", "SELECT COUNT(*) FROM incident WHERE created <= :at AND " + APP);
        SCALAR.put("total_messages_sent", "SELECT COUNT(*) FROM message WHERE sent <= :at AND " + APP);
        SCALAR.put("total_incidents_last_week", "SELECT COUNT(*) FROM incident WHERE " + LAST_WEEK + " AND " + APP);
        SCALAR.put("total_messages_sent_last_week", "SELECT COUNT(*) FROM message WHERE " + SENT_LAST_WEEK + " AND " + APP);
        SCALAR.put("total_active_users", """
                SELECT COUNT(*) FROM target t JOIN target_type tt ON tt.id = t.type_id
                WHERE tt.name = 'user' AND t.active = 1""");
        SCALAR.put("pct_incidents_claimed_last_week", """
                SELECT ROUND(SUM(CASE WHEN owner_id IS NOT NULL THEN 1 ELSE 0 END) / COUNT(*) * 100, 2)
                FROM incident WHERE %s AND %s""".formatted(LAST_WEEK, APP));
        SCALAR.put("median_seconds_to_claim_last_week", """
                SELECT CEIL(AVG(seconds)) FROM (
                    SELECT TIMESTAMPDIFF(SECOND, created, updated) AS seconds,
                           ROW_NUMBER() OVER (ORDER BY TIMESTAMPDIFF(SECOND, created, updated)) AS position,
                           COUNT(*) OVER () AS total
                    FROM incident
                    WHERE %s AND active = 0 AND owner_id IS NOT NULL AND %s
                ) claimed
                WHERE position BETWEEN total / 2.0 AND total / 2.0 + 1""".formatted(LAST_WEEK, APP));
        SCALAR.put("total_applications", "SELECT COUNT(*) FROM application WHERE auth_only = 0");
        SCALAR.put("total_high_priority_incidents_last_week", """
                SELECT COUNT(*) FROM incident i
                WHERE i.created > :at - INTERVAL 1 WEEK AND i.created < :at AND (:app IS NULL OR i.application_id = :app)
                  AND EXISTS (SELECT 1 FROM message m JOIN priority p ON p.id = m.priority_id
                              WHERE m.incident_id = i.id AND p.name IN ('high', 'urgent'))""");
        SCALAR.put("total_call_retry_last_week", """
                SELECT COUNT(*) FROM twilio_retry r JOIN message m ON m.id = r.message_id
                WHERE m.sent > :at - INTERVAL 1 WEEK AND m.sent < :at AND (:app IS NULL OR m.application_id = :app)""");
        SCALAR.put("high_priority_incidents_last_week", SCALAR.get("total_high_priority_incidents_last_week"));

        String byApplication = """
                SELECT a.name AS application, %s AS value
                FROM %s JOIN application a ON a.id = %s.application_id
                WHERE %s
                GROUP BY a.name
                ORDER BY value DESC, a.name""";
        PER_APPLICATION.put("total_incidents", byApplication.formatted("COUNT(*)", "incident", "incident", "incident.created < :at"));
        PER_APPLICATION.put("total_messages_sent", byApplication.formatted("COUNT(*)", "message", "message", "message.sent < :at"));
        PER_APPLICATION.put("total_incidents_last_week", byApplication.formatted("COUNT(*)", "incident", "incident",
                "incident.created > :at - INTERVAL 1 WEEK AND incident.created < :at"));
        PER_APPLICATION.put("total_messages_sent_last_week", byApplication.formatted("COUNT(*)", "message", "message",
                "message.sent > :at - INTERVAL 1 WEEK AND message.sent < :at"));
        PER_APPLICATION.put("pct_incidents_claimed_last_week", byApplication.formatted(
                "ROUND(SUM(CASE WHEN incident.owner_id IS NOT NULL THEN 1 ELSE 0 END) / COUNT(*) * 100, 2)", "incident", "incident",
                "incident.created > :at - INTERVAL 1 WEEK AND incident.created < :at"));
        PER_APPLICATION.put("total_call_retry_last_week", """
                SELECT a.name AS application, COUNT(*) AS value
                FROM twilio_retry r JOIN message m ON m.id = r.message_id JOIN application a ON a.id = m.application_id
                WHERE m.sent > :at - INTERVAL 1 WEEK AND m.sent < :at
                GROUP BY a.name
                ORDER BY value DESC, a.name""");
        PER_APPLICATION.put("high_priority_incidents_last_week", """
                SELECT a.name AS application, COUNT(*) AS value
                FROM incident i JOIN application a ON a.id = i.application_id
                WHERE i.created > :at - INTERVAL 1 WEEK AND i.created < :at
                  AND EXISTS (SELECT 1 FROM message m JOIN priority p ON p.id = m.priority_id
                              WHERE m.incident_id = i.id AND p.name IN ('high', 'urgent'))
                GROUP BY a.name
                ORDER BY value DESC, a.name""");
    }

    /**
     * Final delivery outcome per mode over the week before {@code :at}: the vendor's callback status
     * when there is one, else the send result.
     */
    private static final String MODE_OUTCOMES = """
            SELECT mode_name, outcome, COUNT(*) AS messages FROM (
                SELECT mo.name AS mode_name,
                       COALESCE(
                           (SELECT tds.status FROM twilio_delivery_status tds WHERE tds.message_id = m.id ORDER BY tds.twilio_sid LIMIT 1),
                           m.delivery_status,
                           (SELECT CASE g.status WHEN 1 THEN 'sent' ELSE 'failed' END
                            FROM generic_message_sent_status g WHERE g.message_id = m.id),
                           m.`status`) AS outcome
                FROM message m JOIN mode mo ON mo.id = m.mode_id
                WHERE m.created > :at - INTERVAL 1 WEEK AND m.created < :at
                  AND m.application_id = :app AND m.`status` IN ('sent', 'failed')
            ) outcomes
            GROUP BY mode_name, outcome""";

    private static final String SENT_PER_MODE = """
            SELECT mo.name AS mode_name, COUNT(*) AS messages
            FROM message m JOIN mode mo ON mo.id = m.mode_id
            WHERE m.sent > :at - INTERVAL 1 WEEK AND m.sent < :at AND m.application_id = :app
            GROUP BY mo.name""";

    private record ModeCount(String mode, String outcome, long messages) {}

    private final Jdbi jdbi;

    @Inject
    public StatsService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * The statistics {@code GET /v0/singlestats/{stat}} accepts.
     */
    public static Set<String> singleStats()
    {
        return PER_APPLICATION.keySet();
    }

    /**
     * The seven points: now rounded down to the hour, then one week earlier each.
     */
    public static List<Instant> points(Instant now)
    {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant> points = new ArrayList<>(POINTS);
        for (int week = 0; week < POINTS; week++) {
            points.add(hour.minus(7L * week, ChronoUnit.DAYS));
        }
        return points;
    }

    /**
     * {@code GET /v0/stats}: {@code fields} restricts the statistics (empty: all).
     */
    public Map<String, List<Map<String, Number>>> global(Set<String> fields, Instant now)
    {
        return jdbi.withHandle(handle -> scalars(handle, fields, now, null, globalStatNames()));
    }

    /**
     * {@code GET /v0/applications/{app}/stats}, or empty when there is no such application.
     */
    public Optional<Map<String, List<Map<String, Number>>>> application(String name, Set<String> fields, Instant now)
    {
        return jdbi.withHandle(handle -> {
            Optional<Long> id = handle.createQuery("SELECT id FROM application WHERE name = :name")
                    .bind("name", name).mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<Map<String, Number>>> stats = scalars(handle, fields, now, id.get(), applicationStatNames());
            List<String> modes = handle.createQuery("SELECT name FROM mode ORDER BY id").mapTo(String.class).list();
            for (Instant at : points(now)) {
                deliveryOutcomes(handle, stats, modes, id.get(), at, fields);
            }
            return Optional.of(stats);
        });
    }

    /**
     * {@code GET /v0/singlestats/{stat}}: {@code {ts: [{application: value}, ...]}}, or empty for a
     * statistic that is not in {@link #singleStats()}.
     */
    public Optional<Map<String, List<Map<String, Number>>>> single(String stat, Instant now)
    {
        String sql = PER_APPLICATION.get(stat);
        if (sql == null) {
            return Optional.empty();
        }
        return Optional.of(jdbi.withHandle(handle -> {
            Map<String, List<Map<String, Number>>> result = new LinkedHashMap<>();
            for (Instant at : points(now)) {
                List<Map<String, Number>> rows = handle.createQuery(sql).bind("at", at)
                        .map((resultSet, context) -> Map.<String, Number>of(resultSet.getString("application"), number(resultSet.getBigDecimal("value"))))
                        .list();
                result.put(String.valueOf(at.getEpochSecond()), rows);
            }
            return result;
        }));
    }

    private static List<String> globalStatNames()
    {
        return SCALAR.keySet().stream().filter(name -> !APPLICATION_ONLY.contains(name)).toList();
    }

    private static List<String> applicationStatNames()
    {
        return SCALAR.keySet().stream()
                .filter(name -> !GLOBAL_ONLY.contains(name) && !name.equals("total_high_priority_incidents_last_week"))
                .toList();
    }

    private static Map<String, List<Map<String, Number>>> scalars(Handle handle, Set<String> fields, Instant now, Long applicationId, List<String> names)
    {
        Map<String, List<Map<String, Number>>> stats = new TreeMap<>();
        for (String name : names) {
            if (!fields.isEmpty() && !fields.contains(name)) {
                continue;
            }
            List<Map<String, Number>> series = new ArrayList<>(POINTS);
            for (Instant at : points(now)) {
                Number value = handle.createQuery(SCALAR.get(name))
                        // Some statistics ignore the point or the application.
                        .configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                        .bind("at", at)
                        .bind("app", applicationId)
                        .map((resultSet, context) -> number(resultSet.getBigDecimal(1)))
                        .findOne().orElse(null);
                series.add(point(at, value));
            }
            stats.put(name, series);
        }
        return stats;
    }

    private static void deliveryOutcomes(Handle handle, Map<String, List<Map<String, Number>>> stats, List<String> modes, long applicationId, Instant at,
            Set<String> fields)
    {
        Map<String, Map<String, Long>> outcomes = new TreeMap<>();
        for (ModeCount count : handle.createQuery(MODE_OUTCOMES).bind("at", at).bind("app", applicationId)
                .map((resultSet, context) -> new ModeCount(resultSet.getString("mode_name"), resultSet.getString("outcome"), resultSet.getLong("messages")))
                .list()) {
            outcomes.computeIfAbsent(count.mode(), ignored -> new TreeMap<>()).merge(count.outcome(), count.messages(), Long::sum);
        }
        Map<String, Long> sent = new TreeMap<>();
        for (ModeCount count : handle.createQuery(SENT_PER_MODE).bind("at", at).bind("app", applicationId)
                .map((resultSet, context) -> new ModeCount(resultSet.getString("mode_name"), "sent", resultSet.getLong("messages")))
                .list()) {
            sent.put(count.mode(), count.messages());
        }
        for (String mode : modes) {
            Map<String, Long> counts = outcomes.getOrDefault(mode, Map.of());
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long success = counts.entrySet().stream().filter(entry -> DeliveryOutcome.isSuccess(mode, entry.getKey())).mapToLong(Map.Entry::getValue).sum();
            long fail = counts.entrySet().stream().filter(entry -> DeliveryOutcome.isFailure(mode, entry.getKey())).mapToLong(Map.Entry::getValue).sum();
            add(stats, fields, "pct_" + mode + "_success_last_week", at, percent(success, total));
            add(stats, fields, "pct_" + mode + "_fail_last_week", at, percent(fail, total));
            add(stats, fields, "pct_" + mode + "_other_last_week", at, percent(total - success - fail, total));
            add(stats, fields, "total_" + mode + "_sent_last_week", at, sent.getOrDefault(mode, 0L));
        }
    }

    private static void add(Map<String, List<Map<String, Number>>> stats, Set<String> fields, String name, Instant at, Number value)
    {
        if (!fields.isEmpty() && !fields.contains(name)) {
            return;
        }
        stats.computeIfAbsent(name, ignored -> new ArrayList<>()).add(point(at, value));
    }

    private static Number percent(long part, long total)
    {
        if (total == 0) {
            return null;
        }
        return Math.round(part * 10000.0 / total) / 100.0;
    }

    private static Map<String, Number> point(Instant at, Number value)
    {
        Map<String, Number> point = new LinkedHashMap<>(1);
        point.put(String.valueOf(at.getEpochSecond()), value);
        return point;
    }

    private static Number number(BigDecimal value)
    {
        if (value == null) {
            return null;
        }
        if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
            return value.longValueExact();
        }
        return value.doubleValue();
    }
}
