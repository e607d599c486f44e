package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident list's queries. Every filter is a bound value that may be null (no filter), so the
 * SQL text never changes with user input. The states are {@link dev.iris.common.incident.IncidentState}'s
 * ("open" is active or unacknowledged). The list, its true count and the "new incidents" banner
 * share one WHERE clause, so they always agree.
 */
public interface IncidentListDao
{
    /**
     * The filter values, bound by name ({@code :state}, {@code :application}, ...).
     */
    record Filter(String state, String application, String person, Instant from, Instant to) {}

    String FROM = """
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN plan p ON p.id = i.plan_id
            LEFT JOIN target o ON o.id = i.owner_id
            """;

    String WHERE_EXCEPT_STATE = """
            WHERE (:application IS NULL OR a.name = :application)
              AND (:person IS NULL
                   OR o.name = :person
                   OR EXISTS (SELECT 1 FROM message m JOIN target t ON t.id = m.target_id
                              WHERE m.incident_id = i.id AND t.name = :person))
              AND (:from IS NULL OR i.created >= :from)
              AND (:to IS NULL OR i.created < :to)
            """;

    /** The state filter's condition. */
    String STATE = """
            (:state = 'all'
             OR (:state = 'open' AND i.owner_id IS NULL AND i.resolved = 0)
             OR (:state = 'active' AND i.active = 1 AND i.owner_id IS NULL AND i.resolved = 0 AND i.silenced_by IS NULL)
             OR (:state = 'silenced' AND i.silenced_by IS NOT NULL AND i.owner_id IS NULL AND i.resolved = 0)
             OR (:state = 'unacknowledged' AND i.active = 0 AND i.owner_id IS NULL AND i.resolved = 0)
             OR (:state = 'claimed' AND i.owner_id IS NOT NULL AND i.resolved = 0)
             OR (:state = 'resolved' AND i.resolved = 1))
            """;

    String WHERE = WHERE_EXCEPT_STATE + "  AND " + STATE;

    @SqlQuery("""
            SELECT i.id, a.name AS application, p.name AS plan, i.created, i.updated, o.name AS owner,
                   i.active, i.resolved, i.current_step AS currentStep,
                   p.step_count AS stepCount,
                   i.context, a.summary_template AS summaryTemplate,
                   (SELECT MIN(v.name) FROM template_variable v WHERE v.application_id = a.id AND v.title_variable = 1) AS titleVariable,
                   (SELECT m.batch FROM message m WHERE m.incident_id = i.id AND m.batch IS NOT NULL ORDER BY m.id DESC LIMIT 1) AS batch,
                   i.silenced_by IS NOT NULL AS silenced
            """ + FROM + WHERE + """
            ORDER BY i.id DESC
            LIMIT :limit OFFSET :offset""")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> search(@BindMethods Filter filter, @Bind("limit") int limit, @Bind("offset") int offset);

    /**
     * How many incidents match: the list's true size, however many rows a page shows.
     */
    @SqlQuery("SELECT COUNT(*) " + FROM + WHERE)
    long count(@BindMethods Filter filter);

    /**
     * How many incidents are in each state under the other filters, for the counts above the list.
     */
    @SqlQuery("""
            SELECT COALESCE(SUM(i.active = 1 AND i.owner_id IS NULL AND i.resolved = 0 AND i.silenced_by IS NULL), 0) AS active,
                   COALESCE(SUM(i.silenced_by IS NOT NULL AND i.owner_id IS NULL AND i.resolved = 0), 0) AS silenced,
                   COALESCE(SUM(i.active = 0 AND i.owner_id IS NULL AND i.resolved = 0), 0) AS unacknowledged,
                   COALESCE(SUM(i.owner_id IS NOT NULL AND i.resolved = 0), 0) AS claimed,
                   COALESCE(SUM(i.resolved = 1), 0) AS resolved
            """ + FROM + WHERE_EXCEPT_STATE)
    @RegisterConstructorMapper(StateCounts.class)
    StateCounts stateCounts(@BindMethods Filter filter);

    /**
     * Incidents per state.
     */
    record StateCounts(long active, long silenced, long unacknowledged, long claimed, long resolved) {}

    /**
     * What changed since the page was drawn: incidents newer than the newest one it showed, and
     * incidents it could show that were updated since (claimed, resolved, escalated).
     */
    @SqlQuery("""
            SELECT COALESCE(SUM(i.id > :newestShown), 0) AS newIncidents,
                   COALESCE(SUM(i.id <= :newestShown AND i.updated > :drawnAt), 0) AS updated
            """ + FROM + WHERE_EXCEPT_STATE + """
              AND (i.id > :newestShown OR i.updated > :drawnAt)
              AND (i.id <= :newestShown OR """ + STATE + ")")
    @RegisterConstructorMapper(Changes.class)
    Changes changesSince(@BindMethods Filter filter, @Bind("newestShown") long newestShown, @Bind("drawnAt") Instant drawnAt);

    /**
     * New and updated incidents since the page was drawn.
     */
    record Changes(long newIncidents, long updated) {}

    /**
     * How many incidents each aggregation batch holds (a batch is one page sent for many incidents).
     */
    @SqlQuery("SELECT batch, COUNT(DISTINCT incident_id) AS incidents FROM message WHERE batch IN (<batches>) GROUP BY batch")
    @KeyColumn("batch")
    @ValueColumn("incidents")
    Map<String, Long> batchSizes(@BindList("batches") Collection<String> batches);

    @SqlQuery("SELECT name FROM application ORDER BY name")
    List<String> applicationNames();

    @SqlQuery("""
            SELECT i.id FROM incident i
            WHERE i.active = 1 AND EXISTS (
                SELECT 1 FROM message m JOIN target t ON t.id = m.target_id
                WHERE m.incident_id = i.id AND t.name = :username)
            ORDER BY i.id""")
    List<Long> activeIncidentsPaging(@Bind("username") String username);

    @SqlQuery("SELECT target_id FROM `user` u JOIN target t ON t.id = u.target_id WHERE t.name = :name")
    Optional<Long> userId(@Bind("name") String username);
}
