package dev.iris.core.plan;

import dev.iris.core.query.ColumnType;
import dev.iris.core.query.FilterType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;

import java.util.List;

/**
 * The columns and filters of {@code GET /v0/plans} and {@code GET /v0/plans/{id}}.
 */
final class PlanSearch
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
    static final List<SearchColumn> DETAIL_COLUMNS = List.of(
            new SearchColumn("id", "plan.id", ColumnType.INTEGER),
            new SearchColumn("name", "plan.name", ColumnType.STRING),
            new SearchColumn("threshold_window", "plan.threshold_window", ColumnType.INTEGER),
            new SearchColumn("threshold_count", "plan.threshold_count", ColumnType.INTEGER),
            new SearchColumn("aggregation_window", "plan.aggregation_window", ColumnType.INTEGER),
            new SearchColumn("aggregation_reset", "plan.aggregation_reset", ColumnType.INTEGER),
            new SearchColumn("description", "plan.description", ColumnType.STRING),
            new SearchColumn("created", "plan.created", ColumnType.TIMESTAMP),
            new SearchColumn("creator", "creator.name", ColumnType.STRING),
            new SearchColumn("active", "plan_active.plan_id IS NOT NULL", ColumnType.FLAG),
            new SearchColumn("tracking_type", "plan.tracking_type", ColumnType.STRING),
            new SearchColumn("tracking_key", "plan.tracking_key", ColumnType.STRING),
            new SearchColumn("tracking_template", "plan.tracking_template", ColumnType.JSON));

    static final List<SearchFilter> FILTERS = List.of(
            new SearchFilter("id", "plan.id", FilterType.INTEGER),
            new SearchFilter("name", "plan.name", FilterType.STRING),
            new SearchFilter("threshold_window", "plan.threshold_window", FilterType.INTEGER),
            new SearchFilter("threshold_count", "plan.threshold_count", FilterType.INTEGER),
            new SearchFilter("aggregation_window", "plan.aggregation_window", FilterType.INTEGER),
            new SearchFilter("aggregation_reset", "plan.aggregation_reset", FilterType.INTEGER),
            new SearchFilter("description", "plan.description", FilterType.STRING),
            new SearchFilter("created", "plan.created", FilterType.TIMESTAMP),
            new SearchFilter("creator", "creator.name", FilterType.STRING));

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
            new SearchColumn("dynamic_index", "pn.dynamic_index", ColumnType.INTEGER));

    static final String STEPS_FROM = """
            plan_notification pn
            LEFT JOIN target t ON t.id = pn.target_id
            LEFT JOIN target_role r ON r.id = pn.role_id
            JOIN priority p ON p.id = pn.priority_id""";

    private PlanSearch() {}
}
