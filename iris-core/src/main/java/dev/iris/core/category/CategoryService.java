package dev.iris.core.category;

import dev.iris.common.http.IrisException;
import dev.iris.core.application.SqlErrors;
import dev.iris.core.query.ColumnType;
import dev.iris.core.query.FilterType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;
import dev.iris.core.query.SearchQuery;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

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
    private static final String FROM = """
            notification_category c
            JOIN application a ON a.id = c.application_id
            JOIN mode m ON m.id = c.mode_id""";

    private static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "c.id", ColumnType.INTEGER),
            new SearchColumn("name", "c.name", ColumnType.STRING),
            new SearchColumn("application", "a.name", ColumnType.STRING),
            new SearchColumn("description", "c.description", ColumnType.STRING),
            new SearchColumn("mode", "m.name", ColumnType.STRING));

    private static final List<SearchFilter> FILTERS = List.of(
            new SearchFilter("id", "c.id", FilterType.STRING),
            new SearchFilter("name", "c.name", FilterType.STRING),
            new SearchFilter("application", "a.name", FilterType.STRING),
            new SearchFilter("mode", "m.name", FilterType.STRING));

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
        SearchQuery query = new SearchQuery(FROM, COLUMNS);
        query.addFilters(parameters, FILTERS);
        query.orderBy("a.name, c.name");
        return jdbi.withHandle(handle -> query.toQuery(handle)
                .map((row, context) -> new NotificationCategory(
                        row.getLong("id"), row.getString("name"), row.getString("application"), row.getString("description"), row.getString("mode")))
                .list());
    }

    /**
     * Makes the application's categories exactly {@code categories}: new names are added,
     * existing ones updated, missing ones deleted (with their users' overrides).
     */
    public void replace(long applicationId, List<CategoryDefinition> categories)
    {
        categories.forEach(category -> Names.requirePrintable("A category name", category.name()));
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
