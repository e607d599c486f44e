package dev.iris.core.category;

import dev.iris.core.application.FilterClauses;
import dev.iris.core.application.SqlErrors;
import dev.iris.core.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Searches notification categories and replaces an application's full list of them.
 */
public final class CategoryService
{
    private static final Map<String, FilterClauses.Column> FILTERS = Map.of(
            "id", new FilterClauses.Column("c.id", FilterClauses.ValueType.TEXT),
            "name", new FilterClauses.Column("c.name", FilterClauses.ValueType.TEXT),
            "application", new FilterClauses.Column("a.name", FilterClauses.ValueType.TEXT),
            "mode", new FilterClauses.Column("m.name", FilterClauses.ValueType.TEXT));

    private static final String SEARCH = """
            SELECT c.id, c.name, a.name AS application, c.description, m.name AS mode
            FROM notification_category c
            JOIN application a ON a.id = c.application_id
            JOIN mode m ON m.id = c.mode_id""";

    private final Jdbi jdbi;

    @Inject
    public CategoryService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Categories matching Iris's filters on id, name, application and mode.
     */
    public List<NotificationCategory> search(Map<String, List<String>> parameters)
    {
        FilterClauses filters = FilterClauses.of(FILTERS, parameters);
        String sql = SEARCH + (filters.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", filters.conditions())) + "\nORDER BY a.name, c.name";
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql);
            List<Object> values = filters.values();
            for (int i = 0; i < values.size(); i++) {
                query.bind(i, values.get(i));
            }
            return query.map((row, context) -> new NotificationCategory(
                    row.getLong("id"), row.getString("name"), row.getString("application"), row.getString("description"), row.getString("mode"))).list();
        });
    }

    /**
     * Makes the application's categories exactly {@code categories}: new names are added,
     * existing ones updated, missing ones deleted (with their users' overrides).
     */
    public void replace(long applicationId, List<CategoryDefinition> categories)
    {
        SqlErrors.rejectingBadValues(() -> jdbi.useTransaction(handle -> {
            CategoryDao dao = handle.attach(CategoryDao.class);
            // Concurrent replacements of one application's list take turns.
            dao.lockApplicationById(applicationId);
            Map<String, Integer> modes = dao.modeIds();
            Set<String> wanted = new HashSet<>();
            for (CategoryDefinition category : categories) {
                Integer modeId = modes.get(category.mode());
                if (modeId == null) {
                    throw IrisException.badRequest("Invalid mode", "Mode " + category.mode() + " does not exist");
                }
                if (!wanted.add(category.name())) {
                    throw IrisException.badRequest("Duplicate category", "Category " + category.name() + " is listed twice");
                }
                dao.upsert(applicationId, category.name(), category.description(), modeId);
            }
            List<String> removed = dao.names(applicationId).stream().filter(name -> !wanted.contains(name)).toList();
            if (!removed.isEmpty()) {
                dao.delete(applicationId, removed);
            }
        }));
    }
}
