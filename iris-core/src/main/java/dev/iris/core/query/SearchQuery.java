package dev.iris.core.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.iris.common.http.IrisException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * An Iris search ({@code GET /v0/plans}, {@code /v0/incidents}, ...) as SQL. Every piece of SQL text
 * comes from our own constants (whitelisted columns and filters); every value from the request is a
 * bound parameter. Filters use Iris's syntax: {@code field__op=value}, op one of eq (default), in, ne,
 * gt, ge, lt, le, contains, startswith, endswith; comma-separated values are split; unknown fields
 * are ignored.
 */
public final class SearchQuery
{
    private final String from;
    private final List<SearchColumn> columns;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> binds = new LinkedHashMap<>();
    private String orderBy;
    private Integer limit;

    /**
     * @param from the FROM clause with its joins
     * @param columns the columns to select, in output order
     */
    public SearchQuery(String from, List<SearchColumn> columns)
    {
        this.from = requireNonNull(from, "from is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns");
        }
    }

    /**
     * Picks the columns named in {@code fields} (unknown names ignored), or all when none is known.
     */
    public static List<SearchColumn> select(List<SearchColumn> all, List<String> fields)
    {
        List<SearchColumn> chosen = all.stream().filter(column -> fields.contains(column.name())).toList();
        return chosen.isEmpty() ? all : chosen;
    }

    /**
     * Adds a constant condition (no request text in it).
     */
    public void where(String sql)
    {
        conditions.add("(" + requireNonNull(sql, "sql is null") + ")");
    }

    /**
     * Binds a value and returns its placeholder.
     */
    public String bind(Object value)
    {
        String name = "p" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }

    /**
     * Adds the conditions for every parameter naming one of {@code filters}; returns how many.
     */
    public int addFilters(Map<String, List<String>> parameters, List<SearchFilter> filters)
    {
        Map<String, SearchFilter> byName = filters.stream().collect(Collectors.toMap(SearchFilter::name, filter -> filter));
        int added = 0;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            int separator = key.indexOf("__");
            String field = separator < 0 ? key : key.substring(0, separator);
            String operator = separator < 0 ? "eq" : key.substring(separator + 2);
            SearchFilter filter = byName.get(field);
            if (filter == null) {
                continue;
            }
            List<String> conditionsForField = conditions(filter.sql(), filter.name(), filter.type(), operator, parameter.getValue());
            conditionsForField.forEach(this::where);
            added += conditionsForField.size();
        }
        return added;
    }

    /**
     * The SQL conditions comparing {@code expression} to the values with {@code operator}, values
     * bound. Public so searches can apply a filter inside a subquery (plans by step target).
     */
    public List<String> conditions(String expression, String field, FilterType type, String operator, List<String> rawValues)
    {
        List<String> values = new ArrayList<>();
        for (String raw : rawValues) {
            for (String part : raw.split(",", -1)) {
                values.add(part);
            }
        }
        List<String> result = new ArrayList<>();
        if (values.isEmpty()) {
            return result;
        }
        if (operator.equals("in")) {
            if (values.size() == 1) {
                result.add(expression + " = " + value(field, type, values.get(0)));
            }
            else {
                result.add(expression + " IN (" + values.stream().map(value -> value(field, type, value)).collect(Collectors.joining(", ")) + ")");
            }
            return result;
        }
        for (String value : values) {
            result.add(switch (operator) {
                case "", "eq" -> expression + " = " + value(field, type, value);
                case "ne" -> expression + " != " + value(field, type, value);
                case "gt" -> expression + " > " + value(field, type, value);
                case "ge" -> expression + " >= " + value(field, type, value);
                case "lt" -> expression + " < " + value(field, type, value);
                case "le" -> expression + " <= " + value(field, type, value);
                case "contains" -> expression + " LIKE CONCAT('%', " + value(field, type, escapeLike(value)) + ", '%')";
                case "startswith" -> expression + " LIKE CONCAT(" + value(field, type, escapeLike(value)) + ", '%')";
                case "endswith" -> expression + " LIKE CONCAT('%', " + value(field, type, escapeLike(value)) + ")";
                default -> throw IrisException.badRequest("Invalid filter", "Unknown operator '" + operator + "' for " + field);
            });
        }
        return result;
    }

    private String value(String field, FilterType type, String raw)
    {
        return switch (type) {
            case STRING -> bind(raw);
            case INTEGER -> bind(integer(field, raw));
            case TIMESTAMP -> "FROM_UNIXTIME(" + bind(integer(field, raw)) + ")";
        };
    }

    private static long integer(String field, String raw)
    {
        try {
            return Long.parseLong(raw.trim());
        }
        catch (NumberFormatException e) {
            // Iris's wording, which its e2e suite checks: Python 3's repr of the type.
            throw IrisException.badRequest("invalid argument type", field + " should be <class 'int'>");
        }
    }

    private static String escapeLike(String value)
    {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public int conditionCount()
    {
        return conditions.size();
    }

    /**
     * Orders by a constant expression (newest first) and keeps the first {@code limit} rows.
     */
    public void orderAndLimit(String orderBy, int limit)
    {
        this.orderBy = requireNonNull(orderBy, "orderBy is null");
        this.limit = limit;
    }

    public void orderBy(String orderBy)
    {
        this.orderBy = requireNonNull(orderBy, "orderBy is null");
    }

    /**
     * Iris's paging: with a limit, the newest {@code limit} rows ({@code newestFirst}); without,
     * every row in {@code stableOrder}.
     */
    public void limitNewestFirst(Optional<Integer> limit, String newestFirst, String stableOrder)
    {
        if (limit.isPresent()) {
            orderAndLimit(newestFirst, limit.get());
        }
        else {
            orderBy(stableOrder);
        }
    }

    /**
     * Keeps the rows where {@code expression} (a constant) is non-NULL, or NULL when
     * {@code present} is false: how the {@code active} flag of versioned things is searched.
     */
    public void wherePresent(String expression, boolean present)
    {
        where(expression + (present ? " IS NOT NULL" : " IS NULL"));
    }

    public String sql()
    {
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(columns.stream().map(SearchQuery::selectExpression).collect(Collectors.joining(", ")));
        sql.append(" FROM ").append(from);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (orderBy != null) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit.intValue());
        }
        return sql.toString();
    }

    private static String selectExpression(SearchColumn column)
    {
        String expression = column.type() == ColumnType.TIMESTAMP
                ? "CAST(FLOOR(UNIX_TIMESTAMP(" + column.sql() + ")) AS SIGNED)"
                : column.sql();
        return expression + " AS `" + column.name() + "`";
    }

    /**
     * Runs the search; each row is an ordered map from column name to its JSON value.
     */
    public List<Map<String, Object>> execute(Handle handle, ObjectMapper objectMapper)
    {
        requireNonNull(objectMapper, "objectMapper is null");
        return toQuery(handle).map((resultSet, context) -> row(resultSet, columns, objectMapper)).list();
    }

    /**
     * Runs a search that has no {@link ColumnType#JSON} columns, so needs no ObjectMapper.
     */
    public List<Map<String, Object>> execute(Handle handle)
    {
        if (columns.stream().anyMatch(column -> column.type() == ColumnType.JSON)) {
            throw new IllegalStateException("a search with JSON columns needs an ObjectMapper");
        }
        return toQuery(handle).map((resultSet, context) -> row(resultSet, columns, null)).list();
    }

    /**
     * The search as a JDBI query with every value bound, for callers that map rows themselves.
     */
    public Query toQuery(Handle handle)
    {
        Query query = handle.createQuery(sql());
        binds.forEach(query::bind);
        return query;
    }

    /**
     * Reads one row of {@code columns} from a result set whose labels are the column names.
     */
    public static Map<String, Object> row(ResultSet resultSet, List<SearchColumn> columns, ObjectMapper objectMapper)
            throws SQLException
    {
        Map<String, Object> row = new LinkedHashMap<>();
        for (SearchColumn column : columns) {
            row.put(column.name(), value(resultSet, column.name(), column.type(), objectMapper));
        }
        return row;
    }

    public static Object value(ResultSet resultSet, String label, ColumnType type, ObjectMapper objectMapper)
            throws SQLException
    {
        switch (type) {
            case STRING:
                return resultSet.getString(label);
            case INTEGER:
            case TIMESTAMP: {
                long value = resultSet.getLong(label);
                return resultSet.wasNull() ? null : value;
            }
            case FLAG: {
                boolean value = resultSet.getBoolean(label);
                return resultSet.wasNull() ? null : (value ? 1 : 0);
            }
            case JSON: {
                String text = resultSet.getString(label);
                if (text == null) {
                    return null;
                }
                try {
                    return objectMapper.readTree(text);
                }
                catch (JsonProcessingException e) {
                    return TextNode.valueOf(text);
                }
            }
        }
        throw new IllegalStateException("unknown column type " + type);
    }
}
