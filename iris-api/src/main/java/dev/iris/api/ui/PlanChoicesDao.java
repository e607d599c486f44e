package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The choices the plan and template editors offer: roles, priorities, active templates,
 * applications, modes; and an application's sample context for previews and plan tests.
 */
public interface PlanChoicesDao
{
    @SqlQuery("SELECT name FROM target_role ORDER BY id")
    List<String> roles();

    @SqlQuery("SELECT name FROM priority ORDER BY id")
    List<String> priorities();

    @SqlQuery("SELECT name FROM template_active ORDER BY name")
    List<String> activeTemplates();

    @SqlQuery("SELECT name FROM plan_active ORDER BY name")
    List<String> activePlans();

    @SqlQuery("SELECT name FROM application ORDER BY name")
    List<String> applications();

    @SqlQuery("SELECT name FROM mode WHERE name <> 'drop' ORDER BY id")
    List<String> modes();

    /**
     * Each version's number among the versions of its name (1, 2, 3...), by id as text.
     */
    @SqlQuery("""
            SELECT CAST(p.id AS CHAR) AS id, (SELECT COUNT(*) FROM plan q WHERE q.name = p.name AND q.id <= p.id) AS number
            FROM plan p WHERE p.name = :name""")
    @KeyColumn("id")
    @ValueColumn("number")
    Map<String, Integer> versionNumbers(@Bind("name") String planName);

    @SqlQuery("SELECT (SELECT COUNT(*) FROM plan q WHERE q.name = p.name AND q.id <= p.id) FROM plan p WHERE p.id = :id")
    int versionNumber(@Bind("id") long planId);

    @SqlQuery("SELECT COALESCE(sample_context, '') FROM application WHERE name = :name")
    Optional<String> sampleContext(@Bind("name") String application);
}
