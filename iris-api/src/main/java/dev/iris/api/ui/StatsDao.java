package dev.iris.api.ui;

import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The numbers behind the stats page, for all applications or one ({@code application} null: all).
 */
public interface StatsDao
{
    record DayCount(@ColumnName("day") LocalDate day, @ColumnName("total") long total) {}

    record NamedValue(@ColumnName("name") String name, @ColumnName("value") double value) {}

    @SqlQuery("""
            SELECT DATE(i.created) AS day, COUNT(*) AS total
            FROM incident i JOIN application a ON a.id = i.application_id
            WHERE i.created >= :since AND (:application IS NULL OR a.name = :application)
            GROUP BY DATE(i.created)
            ORDER BY day""")
    @RegisterConstructorMapper(DayCount.class)
    List<DayCount> incidentsPerDay(@Bind("since") Instant since, @Bind("application") String application);

    @SqlQuery("""
            SELECT DATE(m.created) AS day, COUNT(*) AS total
            FROM message m JOIN application a ON a.id = m.application_id
            WHERE m.created >= :since AND (:application IS NULL OR a.name = :application)
            GROUP BY DATE(m.created)
            ORDER BY day""")
    @RegisterConstructorMapper(DayCount.class)
    List<DayCount> messagesPerDay(@Bind("since") Instant since, @Bind("application") String application);

    /**
     * Mean minutes from an incident's creation to its first claim, per application.
     */
    @SqlQuery("""
            SELECT a.name AS name, AVG(TIMESTAMPDIFF(SECOND, i.created, c.first_claim)) / 60 AS value
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN (SELECT incident_id, MIN(created) AS first_claim FROM incident_event
                  WHERE kind = 'claimed' GROUP BY incident_id) c ON c.incident_id = i.id
            WHERE i.created >= :since AND (:application IS NULL OR a.name = :application)
            GROUP BY a.name
            ORDER BY value DESC, a.name""")
    @RegisterConstructorMapper(NamedValue.class)
    List<NamedValue> minutesToClaim(@Bind("since") Instant since, @Bind("application") String application);

    @SqlQuery("""
            SELECT a.name AS name, COUNT(*) AS value
            FROM incident i JOIN application a ON a.id = i.application_id
            WHERE i.created >= :since AND (:application IS NULL OR a.name = :application)
            GROUP BY a.name
            ORDER BY value DESC, a.name
            LIMIT 20""")
    @RegisterConstructorMapper(NamedValue.class)
    List<NamedValue> incidentsPerApplication(@Bind("since") Instant since, @Bind("application") String application);

    @SqlQuery("""
            SELECT mo.name AS name, COUNT(*) AS value
            FROM message m JOIN application a ON a.id = m.application_id JOIN mode mo ON mo.id = m.mode_id
            WHERE m.created >= :since AND (:application IS NULL OR a.name = :application)
            GROUP BY mo.name
            ORDER BY value DESC, mo.name""")
    @RegisterConstructorMapper(NamedValue.class)
    List<NamedValue> messagesPerMode(@Bind("since") Instant since, @Bind("application") String application);

    /**
     * Incidents and how many of them were claimed, per application, created in the range.
     */
    record ClaimCount(@ColumnName("name") String name, @ColumnName("incidents") long incidents, @ColumnName("claimed") long claimed) {}

    @SqlQuery("""
            SELECT a.name AS name, COUNT(*) AS incidents,
                   SUM(EXISTS (SELECT 1 FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'claimed')) AS claimed
            FROM incident i JOIN application a ON a.id = i.application_id
            WHERE i.created >= :since AND i.created < :until AND (:application IS NULL OR a.name = :application)
            GROUP BY a.name
            ORDER BY incidents DESC, a.name""")
    @RegisterConstructorMapper(ClaimCount.class)
    List<ClaimCount> claimCounts(@Bind("since") Instant since, @Bind("until") Instant until, @Bind("application") String application);

    /**
     * Seconds from creation to the first claim of every claimed incident created in the range.
     */
    record ClaimTime(@ColumnName("name") String name, @ColumnName("seconds") long seconds) {}

    @SqlQuery("""
            SELECT a.name AS name, TIMESTAMPDIFF(SECOND, i.created, c.first_claim) AS seconds
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN (SELECT incident_id, MIN(created) AS first_claim FROM incident_event WHERE kind = 'claimed' GROUP BY incident_id) c
              ON c.incident_id = i.id
            WHERE i.created >= :since AND i.created < :until AND (:application IS NULL OR a.name = :application)""")
    @RegisterConstructorMapper(ClaimTime.class)
    List<ClaimTime> claimTimes(@Bind("since") Instant since, @Bind("until") Instant until, @Bind("application") String application);

    @SqlQuery("SELECT COUNT(*) > 0 FROM application WHERE name = :name")
    boolean applicationExists(@Bind("name") String name);
}
