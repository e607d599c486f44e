package dev.iris.core.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.query.ColumnType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;
import dev.iris.core.query.SearchParameters;
import dev.iris.core.query.SearchQuery;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Reads messages as Iris's API shows them. Mode, target and priority may still be unset on a queued
 * message, so they are outer joins (Iris's inner joins hid such rows).
 */
public final class MessageQueries
{
    private static final String FROM = """
            message
            JOIN application ON application.id = message.application_id
            LEFT JOIN priority ON priority.id = message.priority_id
            LEFT JOIN mode ON mode.id = message.mode_id
            LEFT JOIN target ON target.id = message.target_id""";

    private static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "message.id", ColumnType.INTEGER),
            new SearchColumn("active", "message.active", ColumnType.FLAG),
            new SearchColumn("batch", "message.batch", ColumnType.STRING),
            new SearchColumn("created", "message.created", ColumnType.TIMESTAMP),
            new SearchColumn("sent", "message.sent", ColumnType.TIMESTAMP),
            new SearchColumn("destination", "message.destination", ColumnType.STRING),
            new SearchColumn("subject", "message.subject", ColumnType.STRING),
            new SearchColumn("incident_id", "message.incident_id", ColumnType.INTEGER),
            new SearchColumn("mode", "mode.name", ColumnType.STRING),
            new SearchColumn("application", "application.name", ColumnType.STRING),
            new SearchColumn("priority", "priority.name", ColumnType.STRING),
            new SearchColumn("target", "target.name", ColumnType.STRING),
            new SearchColumn("body", "message.body", ColumnType.STRING),
            new SearchColumn("mode_changed",
                    "EXISTS (SELECT 1 FROM message_changelog c WHERE c.message_id = message.id AND c.change_type = 'mode-change')", ColumnType.FLAG),
            new SearchColumn("target_changed",
                    "EXISTS (SELECT 1 FROM message_changelog c WHERE c.message_id = message.id AND c.change_type = 'target-change')", ColumnType.FLAG));

    private static final List<SearchFilter> FILTERS = SearchFilter.onColumns(COLUMNS, "id", "active", "batch", "created", "sent",
            "destination", "subject", "incident_id", "mode", "application", "priority", "target", "body");

    private static final List<SearchColumn> DETAIL_COLUMNS = Stream.concat(
            SearchColumn.pick(COLUMNS, "id", "active", "batch", "body", "created", "sent", "destination", "subject", "incident_id",
                    "mode", "application", "priority", "target").stream(),
            Stream.of(
                    new SearchColumn("twilio_delivery_status",
                            "(SELECT s.status FROM twilio_delivery_status s WHERE s.message_id = message.id ORDER BY s.twilio_sid LIMIT 1)", ColumnType.STRING),
                    new SearchColumn("generic_message_sent_status",
                            "(SELECT g.status FROM generic_message_sent_status g WHERE g.message_id = message.id)", ColumnType.INTEGER))).toList();

    private static final List<SearchColumn> AUDIT_COLUMNS = List.of(
            new SearchColumn("id", "id", ColumnType.INTEGER),
            new SearchColumn("date", "`date`", ColumnType.TIMESTAMP),
            new SearchColumn("old", "old", ColumnType.STRING),
            new SearchColumn("new", "new", ColumnType.STRING),
            new SearchColumn("change_type", "change_type", ColumnType.STRING),
            new SearchColumn("description", "description", ColumnType.STRING));

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;

    @Inject
    public MessageQueries(Jdbi jdbi, ObjectMapper objectMapper)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    /**
     * {@code GET /v0/messages}: needs a filter or a limit.
     */
    public List<Map<String, Object>> search(SearchParameters parameters)
    {
        List<String> fields = parameters.takeList("fields");
        Optional<Integer> limit = parameters.takeLimit();
        SearchQuery query = new SearchQuery(FROM, SearchQuery.select(COLUMNS, fields));
        int conditions = query.addFilters(parameters.remaining(), FILTERS);
        if (conditions == 0 && limit.isEmpty()) {
            throw IrisException.badRequest("Message query too broad, add limit or filter");
        }
        query.limitNewestFirst(limit, "message.created DESC, message.id DESC", "message.id");
        return jdbi.withHandle(handle -> query.execute(handle, objectMapper));
    }

    /**
     * {@code GET /v0/messages/{id}}.
     */
    public Optional<Map<String, Object>> get(long messageId)
    {
        SearchQuery query = new SearchQuery(FROM, DETAIL_COLUMNS);
        query.where("message.id = " + query.bind(messageId));
        return jdbi.withHandle(handle -> query.execute(handle, objectMapper)).stream().findFirst();
    }

    /**
     * {@code GET /v0/messages/{id}/auditlog}, newest first.
     */
    public List<Map<String, Object>> auditLog(long messageId)
    {
        SearchQuery query = new SearchQuery("message_changelog", AUDIT_COLUMNS);
        query.where("message_id = " + query.bind(messageId));
        query.orderBy("`date` DESC, id DESC");
        return jdbi.withHandle(handle -> query.execute(handle, objectMapper));
    }
}
