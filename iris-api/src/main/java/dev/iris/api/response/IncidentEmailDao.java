package dev.iris.api.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

interface IncidentEmailDao
{
    record Route(String email, String application, String planName) {}

    /**
     * The first incident-email address among the recipients that is not also a person's email
     * contact, with an active plan (Iris's rule).
     */
    @SqlQuery("""
            SELECT e.email, a.name AS application, e.plan_name
            FROM incident_emails e
            JOIN application a ON a.id = e.application_id
            JOIN plan_active pa ON pa.name = e.plan_name
            WHERE e.email IN (<addresses>)
              AND e.email NOT IN (
                  SELECT c.destination FROM target_contact c JOIN mode m ON m.id = c.mode_id WHERE m.name = 'email')
            ORDER BY e.email
            LIMIT 1""")
    @RegisterConstructorMapper(Route.class)
    Optional<Route> findRoute(@BindList("addresses") List<String> addresses);
}
