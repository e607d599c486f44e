package dev.iris.core.application;

import dev.iris.core.http.IrisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Iris's search filters ({@code field__op=value}, comma-separated values) turned into SQL
 * conditions. Column SQL comes only from the caller's whitelist and every value is a bound
 * parameter; unknown fields are ignored, as in Iris.
 */
public final class FilterClauses
{
    /**
     * How a filter value is read: text, an integer, or unix seconds compared with a DATETIME.
     */
    public enum ValueType
    {
        TEXT, INTEGER, TIMESTAMP
    }

    /**
     * A filterable column: its SQL expression (a constant) and value type.
     */
    public record Column(String sql, ValueType type)
    {
        public Column
        {
            requireNonNull(sql, "sql is null");
            requireNonNull(type, "type is null");
        }
    }

    private static final Map<String, String> OPERATORS = Map.of(
            "eq", "%s = %s",
            "ne", "%s != %s",
            "gt", "%s > %s",
            "ge", "%s >= %s",
            "lt", "%s < %s",
            "le", "%s <= %s",
            "contains", "%s LIKE CONCAT('%%', %s, '%%')",
            "startswith", "%s LIKE CONCAT(%s, '%%')",
            "endswith", "%s LIKE CONCAT('%%', %s)");

    private final List<String> conditions;
    private final List<Object> values;

    private FilterClauses(List<String> conditions, List<Object> values)
    {
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
    }

    /**
     * Builds the conditions for the query parameters that name a column of {@code columns}.
     */
    public static FilterClauses of(Map<String, Column> columns, Map<String, List<String>> parameters)
    {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            int separator = key.indexOf("__");
            String field = separator < 0 ? key : key.substring(0, separator);
            String operator = separator < 0 ? "eq" : key.substring(separator + 2);
            Column column = columns.get(field);
            if (column == null) {
                continue;
            }
            if (operator.isEmpty()) {
                operator = "eq";
            }
            List<String> split = new ArrayList<>();
            for (String value : parameter.getValue()) {
                split.addAll(List.of(value.split(",", -1)));
            }
            if (operator.equals("in")) {
                List<String> placeholders = new ArrayList<>();
                for (String value : split) {
                    placeholders.add(placeholder(column));
                    values.add(convert(field, column, value));
                }
                conditions.add(column.sql() + " IN (" + String.join(", ", placeholders) + ")");
                continue;
            }
            String template = OPERATORS.get(operator);
            if (template == null) {
                throw IrisException.badRequest("Invalid filter operator", "Unknown operator '" + operator + "' in " + key);
            }
            for (String value : split) {
                conditions.add(String.format(template, column.sql(), placeholder(column)));
                values.add(convert(field, column, value));
            }
        }
        return new FilterClauses(conditions, values);
    }

    public boolean isEmpty()
    {
        return conditions.isEmpty();
    }

    /**
     * The conditions joined with AND (empty when there are none), with {@code ?} placeholders.
     */
    public List<String> conditions()
    {
        return conditions;
    }

    /**
     * The values for the placeholders, in order.
     */
    public List<Object> values()
    {
        return values;
    }

    private static String placeholder(Column column)
    {
        return column.type() == ValueType.TIMESTAMP ? "FROM_UNIXTIME(?)" : "?";
    }

    private static Object convert(String field, Column column, String value)
    {
        if (column.type() == ValueType.TEXT) {
            return value;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            throw IrisException.badRequest("invalid argument type", field + " should be an integer");
        }
    }
}
