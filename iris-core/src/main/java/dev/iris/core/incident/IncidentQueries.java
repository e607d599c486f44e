package dev.iris.core.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.common.incident.IncidentState;
import dev.iris.core.query.ColumnType;
import dev.iris.core.query.FilterType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;
import dev.iris.core.query.SearchParameters;
import dev.iris.core.query.SearchQuery;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Reads incidents as Iris's API shows them: the search, one incident with its sent messages and
 * comments, and the comments alone.
 */
public final class IncidentQueries
{
    private static final String FROM = """
            incident JOIN plan ON plan.id = incident.plan_id
            LEFT JOIN target owner ON owner.id = incident.owner_id
            JOIN application ON application.id = incident.application_id""";

    private static final String TITLE_VARIABLE = """
            (SELECT tv.name FROM template_variable tv
             WHERE tv.application_id = incident.application_id AND tv.title_variable = 1 ORDER BY tv.id LIMIT 1)""";

    private static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "incident.id", ColumnType.INTEGER),
            new SearchColumn("plan", "plan.name", ColumnType.STRING),
            new SearchColumn("plan_id", "incident.plan_id", ColumnType.INTEGER),
            new SearchColumn("active", "incident.active", ColumnType.FLAG),
            new SearchColumn("updated", "incident.updated", ColumnType.TIMESTAMP),
            new SearchColumn("application", "application.name", ColumnType.STRING),
            new SearchColumn("context", "incident.context", ColumnType.JSON),
            new SearchColumn("created", "incident.created", ColumnType.TIMESTAMP),
            new SearchColumn("owner", "owner.name", ColumnType.STRING),
            new SearchColumn("current_step", "incident.current_step", ColumnType.INTEGER),
            new SearchColumn("title_variable_name", TITLE_VARIABLE, ColumnType.STRING),
            new SearchColumn("resolved", "incident.resolved", ColumnType.FLAG));

    private static final List<SearchColumn> DETAIL_COLUMNS = SearchColumn.pick(COLUMNS,
            "id", "plan_id", "plan", "created", "updated", "context", "owner", "application", "current_step", "active", "resolved");

    /**
     * Iris's filters, plus {@code unacknowledged=1|0}: the plan ran out and nobody claimed or
     * resolved the incident ({@link IncidentState#UNACKNOWLEDGED}), and {@code silenced=1|0}: a
     * maintenance window holds it. They filter only; the rows keep Iris's fields.
     */
    private static final List<SearchFilter> FILTERS = Stream.concat(
                    SearchFilter.onColumns(COLUMNS,
                            "id", "plan", "plan_id", "active", "updated", "application", "context", "created", "owner", "current_step", "resolved").stream(),
                    Stream.of(new SearchFilter("unacknowledged",
                                    "(CASE WHEN " + IncidentState.unacknowledgedSql("incident") + " THEN 1 ELSE 0 END)", FilterType.INTEGER),
                            new SearchFilter("silenced", "(CASE WHEN incident.silenced_by IS NOT NULL THEN 1 ELSE 0 END)", FilterType.INTEGER)))
            .toList();

    private static final String STEPS_FROM = """
            message m
            JOIN priority p ON p.id = m.priority_id
            JOIN mode ON mode.id = m.mode_id
            JOIN target t ON t.id = m.target_id
            JOIN plan_notification pn ON pn.id = m.plan_notification_id""";

    private static final List<SearchColumn> STEP_COLUMNS = List.of(
            new SearchColumn("id", "m.id", ColumnType.INTEGER),
            new SearchColumn("name", "t.name", ColumnType.STRING),
            new SearchColumn("mode", "mode.name", ColumnType.STRING),
            new SearchColumn("priority", "p.name", ColumnType.STRING),
            new SearchColumn("created", "m.created", ColumnType.TIMESTAMP),
            new SearchColumn("sent", "m.sent", ColumnType.TIMESTAMP),
            new SearchColumn("step", "pn.step", ColumnType.INTEGER),
            new SearchColumn("mode_changed",
                    "EXISTS (SELECT 1 FROM message_changelog c WHERE c.message_id = m.id AND c.change_type = 'mode-change')", ColumnType.FLAG),
            new SearchColumn("target_changed",
                    "EXISTS (SELECT 1 FROM message_changelog c WHERE c.message_id = m.id AND c.change_type = 'target-change')", ColumnType.FLAG));

    private static final List<SearchColumn> COMMENT_COLUMNS = List.of(
            new SearchColumn("author", "t.name", ColumnType.STRING),
            new SearchColumn("created", "c.created", ColumnType.TIMESTAMP),
            new SearchColumn("content", "c.content", ColumnType.STRING));

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;

    @Inject
    public IncidentQueries(Jdbi jdbi, ObjectMapper objectMapper)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    /**
     * {@code GET /v0/incidents}: needs a filter or a limit. With both {@code context} and
     * {@code title_variable_name} selected, each row also gets {@code title}, the value of the
     * application's title variable.
     */
    public List<Map<String, Object>> search(SearchParameters parameters)
    {
        List<String> fields = parameters.takeList("fields");
        Optional<Integer> limit = parameters.takeLimit();
        List<String> targets = parameters.takeList("target");
        List<SearchColumn> columns = SearchQuery.select(COLUMNS, fields);
        SearchQuery query = new SearchQuery(FROM, columns);
        int conditions = query.addFilters(parameters.remaining(), FILTERS);
        if (!targets.isEmpty()) {
            String names = String.join(", ", targets.stream().map(query::bind).toList());
            query.where("EXISTS (SELECT 1 FROM message tm JOIN target tt ON tt.id = tm.target_id "
                    + "WHERE tm.incident_id = incident.id AND tt.name IN (" + names + "))");
            conditions++;
        }
        if (conditions == 0 && limit.isEmpty()) {
            throw IrisException.badRequest("Incident query too broad, add filter or limit");
        }
        query.limitNewestFirst(limit, "incident.created DESC, incident.id DESC", "incident.id");
        List<Map<String, Object>> rows = jdbi.withHandle(handle -> query.execute(handle, objectMapper));
        boolean withTitle = columns.stream().anyMatch(column -> column.name().equals("context"))
                && columns.stream().anyMatch(column -> column.name().equals("title_variable_name"));
        if (withTitle) {
            for (Map<String, Object> row : rows) {
                Object variable = row.get("title_variable_name");
                Object context = row.get("context");
                JsonNode title = variable != null && context instanceof JsonNode node ? node.get(variable.toString()) : null;
                row.put("title", title);
            }
        }
        return rows;
    }

    /**
     * {@code GET /v0/incidents/{id}}: the incident, its sent messages as {@code steps} and its
     * comments.
     */
    public Optional<Map<String, Object>> get(long incidentId)
    {
        return jdbi.withHandle(handle -> {
            SearchQuery query = new SearchQuery(FROM, DETAIL_COLUMNS);
            query.where("incident.id = " + query.bind(incidentId));
            List<Map<String, Object>> rows = query.execute(handle, objectMapper);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> incident = rows.get(0);
            SearchQuery steps = new SearchQuery(STEPS_FROM, STEP_COLUMNS);
            steps.where("m.incident_id = " + steps.bind(incidentId));
            steps.orderBy("m.sent, m.id");
            incident.put("steps", steps.execute(handle, objectMapper));
            incident.put("comments", comments(handle, incidentId));
            return Optional.of(incident);
        });
    }

    /**
     * {@code GET /v0/incidents/{id}/comments}, oldest first.
     */
    public List<Map<String, Object>> comments(long incidentId)
    {
        return jdbi.withHandle(handle -> comments(handle, incidentId));
    }

    private List<Map<String, Object>> comments(Handle handle, long incidentId)
    {
        SearchQuery query = new SearchQuery("comment c JOIN target t ON t.id = c.user_id", COMMENT_COLUMNS);
        query.where("c.incident_id = " + query.bind(incidentId));
        query.orderBy("c.id");
        return query.execute(handle, objectMapper);
    }
}
