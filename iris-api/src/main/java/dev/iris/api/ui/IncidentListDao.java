package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The incident list's query. Every filter is a bound value that may be null (no filter), so the
 * SQL text never changes with user input. The states are {@link dev.iris.core.incident.IncidentState}'s
 * ("open" is active or unacknowledged).
 */
public interface IncidentListDao
{
    @SqlQuery("""
            SELECT i.id, a.name AS application, p.name AS plan, i.created, i.updated, o.name AS owner,
                   i.active, i.resolved, i.current_step AS currentStep, i.context,
                   a.summary_template AS summaryTemplate,
                   (SELECT MIN(v.name) FROM template_variable v WHERE v.application_id = a.id AND v.title_variable = 1) AS titleVariable
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN plan p ON p.id = i.plan_id
            LEFT JOIN target o ON o.id = i.owner_id
            WHERE (:state = 'all'
                   OR (:state = 'open' AND i.owner_id IS NULL AND i.resolved = 0)
                   OR (:state = 'active' AND i.active = 1 AND i.owner_id IS NULL AND i.resolved = 0)
                   OR (:state = 'unacknowledged' AND i.active = 0 AND i.owner_id IS NULL AND i.resolved = 0)
                   OR (:state = 'claimed' AND i.owner_id IS NOT NULL AND i.resolved = 0)
                   OR (:state = 'resolved' AND i.resolved = 1))
              AND (:application IS NULL OR a.name = :application)
              AND (:person IS NULL
                   OR o.name = :person
                   OR EXISTS (SELECT 1 FROM message m JOIN target t ON t.id = m.target_id
                              WHERE m.incident_id = i.id AND t.name = :person))
              AND (:from IS NULL OR i.created >= :from)
              AND (:to IS NULL OR i.created < :to)
            ORDER BY i.id DESC
            LIMIT :limit""")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> search(
            @Bind("state") String state,
            @Bind("application") String application,
            @Bind("person") String person,
            @Bind("from") Instant from,
            @Bind("to") Instant to,
            @Bind("limit") int limit);

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
