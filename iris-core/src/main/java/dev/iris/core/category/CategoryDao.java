package dev.iris.core.category;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notification categories of applications.
 */
public interface CategoryDao
{
    @SqlQuery("SELECT id FROM application WHERE id = :id FOR UPDATE")
    Optional<Long> lockApplicationById(@Bind("id") long id);

    @SqlQuery("SELECT name FROM notification_category WHERE application_id = :applicationId")
    List<String> names(@Bind("applicationId") long applicationId);

    @SqlQuery("SELECT name, id FROM mode ORDER BY id")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Integer> modeIds();

    @SqlUpdate("""
            INSERT INTO notification_category (application_id, name, description, mode_id)
            VALUES (:applicationId, :name, :description, :modeId)
            ON DUPLICATE KEY UPDATE description = VALUES(description), mode_id = VALUES(mode_id)""")
    void upsert(@Bind("applicationId") long applicationId, @Bind("name") String name, @Bind("description") String description, @Bind("modeId") int modeId);

    @SqlUpdate("DELETE FROM notification_category WHERE application_id = :applicationId AND name IN (<names>)")
    void delete(@Bind("applicationId") long applicationId, @BindList("names") List<String> names);
}
