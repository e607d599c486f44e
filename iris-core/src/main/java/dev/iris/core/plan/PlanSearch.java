package dev.iris.core.plan;

import dev.iris.core.query.ColumnType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;
import dev.iris.core.query.SearchQuery;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The columns and filters of {@code GET /v0/plans}, {@code GET /v0/plans/{id}} and
 * {@code GET /v0/applications/{app}/plans}.
 */
public final class PlanSearch
{
    static final String FROM = """
            plan JOIN target creator ON creator.id = plan.user_id
            LEFT JOIN plan_active ON plan_active.plan_id = plan.id""";

    static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "plan.id", ColumnType.INTEGER),
            new SearchColumn("name", "plan.name", ColumnType.STRING),
            new SearchColumn("threshold_window", "plan.threshold_window", ColumnType.INTEGER),
            new SearchColumn("threshold_count", "plan.threshold_count", ColumnType.INTEGER),
            new SearchColumn("aggregation_window", "plan.aggregation_window", ColumnType.INTEGER),
            new SearchColumn("aggregation_reset", "plan.aggregation_reset", ColumnType.INTEGER),
            new SearchColumn("tracking_type", "plan.tracking_type", ColumnType.STRING),
            new SearchColumn("tracking_key", "plan.tracking_key", ColumnType.STRING),
            new SearchColumn("tracking_template", "plan.tracking_template", ColumnType.STRING),
            new SearchColumn("description", "plan.description", ColumnType.STRING),
            new SearchColumn("created", "plan.created", ColumnType.TIMESTAMP),
            new SearchColumn("creator", "creator.name", ColumnType.STRING),
            new SearchColumn("active", "plan_active.plan_id IS NOT NULL", ColumnType.FLAG));

    /** The single-plan view: the same fields in Iris's order, with the tracking template parsed. */
    static final List<SearchColumn> DETAIL_COLUMNS = Stream.concat(
            SearchColumn.pick(COLUMNS, "id", "name", "threshold_window", "threshold_count", "aggregation_window", "aggregation_reset",
                    "description", "created", "creator", "active", "tracking_type", "tracking_key").stream(),
            Stream.of(new SearchColumn("tracking_template", "plan.tracking_template", ColumnType.JSON))).toList();

    static final List<SearchFilter> FILTERS = SearchFilter.onColumns(COLUMNS,
            "id", "name", "threshold_window", "threshold_count", "aggregation_window", "aggregation_reset", "description", "created", "creator");

    static final List<SearchColumn> STEP_COLUMNS = List.of(
            new SearchColumn("id", "pn.id", ColumnType.INTEGER),
            new SearchColumn("step", "pn.step", ColumnType.INTEGER),
            new SearchColumn("repeat", "pn.`repeat`", ColumnType.INTEGER),
            new SearchColumn("wait", "pn.`wait`", ColumnType.INTEGER),
            new SearchColumn("optional", "pn.optional", ColumnType.FLAG),
            new SearchColumn("role", "r.name", ColumnType.STRING),
            new SearchColumn("target", "t.name", ColumnType.STRING),
            new SearchColumn("template", "pn.template", ColumnType.STRING),
            new SearchColumn("priority", "p.name", ColumnType.STRING),
            new SearchColumn("dynamic_index", "pn.dynamic_index", ColumnType.INTEGER),
            new SearchColumn("countdown", "pn.countdown", ColumnType.FLAG));

    static final String STEPS_FROM = """
            plan_notification pn
            LEFT JOIN target t ON t.id = pn.target_id
            LEFT JOIN target_role r ON r.id = pn.role_id
            JOIN priority p ON p.id = pn.priority_id""";

    /** Only active plans: the application's view lists nothing else. */
    private static final String ACTIVE_FROM = """
            plan_active
            JOIN plan ON plan.id = plan_active.plan_id
            JOIN target creator ON creator.id = plan.user_id""";

    private PlanSearch() {}

    /**
     * {@code GET /v0/applications/{app}/plans}: the active plans with at least one step whose
     * active template has content for the application, with the plan filters and {@code fields}.
     *
     * @param fields the requested output fields; unknown ones are dropped, none means all
     * @param filters the filter parameters (without {@code fields} and {@code active})
     */
    public static SearchQuery forApplication(long applicationId, List<String> fields, Map<String, List<String>> filters)
    {
        SearchQuery query = new SearchQuery(ACTIVE_FROM, SearchQuery.select(COLUMNS, fields));
        query.where("""
                EXISTS (
                    SELECT 1 FROM plan_notification pn
                    JOIN template_active ta ON ta.name = pn.template
                    JOIN template_content tc ON tc.template_id = ta.template_id
                    WHERE pn.plan_id = plan.id AND tc.application_id = %s)""".formatted(query.bind(applicationId)));
        query.addFilters(filters, FILTERS);
        query.orderBy("plan.name");
        return query;
    }
}
