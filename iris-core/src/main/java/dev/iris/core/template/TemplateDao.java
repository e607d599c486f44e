package dev.iris.core.template;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/**
 * Templates, their per-application per-mode content and the active pointer by name.
 */
public interface TemplateDao
{
    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> findUserId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> findApplicationId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM mode WHERE name = :name")
    Optional<Long> findModeId(@Bind("name") String name);

    @SqlUpdate("INSERT INTO template (name, created, user_id) VALUES (:name, NOW(3), :userId)")
    @GetGeneratedKeys("id")
    long insertTemplate(@Bind("name") String name, @Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO template_content (template_id, application_id, mode_id, subject, body)
            VALUES (:templateId, :applicationId, :modeId, :subject, :body)""")
    void insertContent(@Bind("templateId") long templateId, @Bind("applicationId") long applicationId, @Bind("modeId") long modeId,
            @Bind("subject") String subject, @Bind("body") String body);

    @SqlUpdate("""
            INSERT INTO template_active (name, template_id) SELECT name, id FROM template WHERE id = :templateId
            ON DUPLICATE KEY UPDATE template_id = VALUES(template_id)""")
    int activate(@Bind("templateId") long templateId);

    @SqlUpdate("DELETE FROM template_active WHERE template_id = :templateId")
    int deactivate(@Bind("templateId") long templateId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM template WHERE id = :id)")
    boolean exists(@Bind("id") long id);
}
