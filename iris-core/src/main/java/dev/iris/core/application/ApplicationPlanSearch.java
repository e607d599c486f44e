package dev.iris.core.application;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v0/applications/{app}/plans}: the active plans with at least one step whose active
 * template has content for the application, with Iris's plan filters and {@code fields}.
 */
final class ApplicationPlanSearch
{
    // Output columns in Iris's order; each expression is a constant.
    private static final Map<String, String> COLUMNS = columns();

    private static final Map<String, FilterClauses.Column> FILTERS = Map.of(
            "id", new FilterClauses.Column("plan.id", FilterClauses.ValueType.INTEGER),
            "name", new FilterClauses.Column("plan.name", FilterClauses.ValueType.TEXT),
            "threshold_window", new FilterClauses.Column("plan.threshold_window", FilterClauses.ValueType.INTEGER),
            "threshold_count", new FilterClauses.Column("plan.threshold_count", FilterClauses.ValueType.INTEGER),
            "aggregation_window", new FilterClauses.Column("plan.aggregation_window", FilterClauses.ValueType.INTEGER),
            "aggregation_reset", new FilterClauses.Column("plan.aggregation_reset", FilterClauses.ValueType.INTEGER),
            "description", new FilterClauses.Column("plan.description", FilterClauses.ValueType.TEXT),
            "created", new FilterClauses.Column("plan.created", FilterClauses.ValueType.TIMESTAMP),
            "creator", new FilterClauses.Column("creator.name", FilterClauses.ValueType.TEXT));

    private ApplicationPlanSearch() {}

    private static Map<String, String> columns()
    {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "plan.id AS id");
        columns.put("name", "plan.name AS name");
        columns.put("threshold_window", "plan.threshold_window AS threshold_window");
        columns.put("threshold_count", "plan.threshold_count AS threshold_count");
        columns.put("aggregation_window", "plan.aggregation_window AS aggregation_window");
        columns.put("aggregation_reset", "plan.aggregation_reset AS aggregation_reset");
        columns.put("tracking_type", "plan.tracking_type AS tracking_type");
        columns.put("tracking_key", "plan.tracking_key AS tracking_key");
        columns.put("tracking_template", "plan.tracking_template AS tracking_template");
        columns.put("description", "plan.description AS description");
        columns.put("created", "CAST(FLOOR(UNIX_TIMESTAMP(plan.created)) AS SIGNED) AS created");
        columns.put("creator", "creator.name AS creator");
        columns.put("active", "IF(plan_active.plan_id IS NULL, 0, 1) AS active");
        return columns;
    }

    /**
     * @param fields the requested output fields; unknown ones are dropped, none means all
     * @param parameters the filter parameters (without {@code fields} and {@code active})
     */
    static List<Map<String, Object>> search(Handle handle, long applicationId, List<String> fields, Map<String, List<String>> parameters)
    {
        List<String> selected = new ArrayList<>();
        for (String field : fields) {
            String column = COLUMNS.get(field);
            if (column != null && !selected.contains(column)) {
                selected.add(column);
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(COLUMNS.values());
        }
        FilterClauses filters = FilterClauses.of(FILTERS, parameters);
        StringBuilder sql = new StringBuilder()
                .append("SELECT ").append(String.join(", ", selected)).append("""

                        FROM plan_active
                        JOIN plan ON plan.id = plan_active.plan_id
                        JOIN target creator ON creator.id = plan.user_id
                        WHERE EXISTS (
                            SELECT 1 FROM plan_notification pn
                            JOIN template_active ta ON ta.name = pn.template
                            JOIN template_content tc ON tc.template_id = ta.template_id
                            WHERE pn.plan_id = plan.id AND tc.application_id = ?)""");
        for (String condition : filters.conditions()) {
            sql.append("\n  AND ").append(condition);
        }
        sql.append("\nORDER BY plan.name");
        Query query = handle.createQuery(sql.toString());
        query.bind(0, applicationId);
        List<Object> values = filters.values();
        for (int i = 0; i < values.size(); i++) {
            query.bind(i + 1, values.get(i));
        }
        return query.mapToMap().list();
    }
}
