package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/**
 * Name suggestions for the type-ahead fields.
 */
public interface TypeaheadDao
{
    /**
     * Active targets of a type ({@code null}: any) whose name starts with the prefix.
     */
    @SqlQuery("""
            SELECT t.name FROM target t JOIN target_type tt ON tt.id = t.type_id
            WHERE t.active = 1 AND (:type IS NULL OR tt.name = :type) AND t.name LIKE CONCAT(:prefix, '%') ESCAPE '!'
            ORDER BY t.name
            LIMIT 20""")
    List<String> targets(@Bind("type") String type, @Bind("prefix") String prefix);
}
