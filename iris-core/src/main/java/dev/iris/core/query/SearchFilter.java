package dev.iris.core.query;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A field a search may be filtered on: the name used in the query string and the SQL expression
 * it compares (a constant from our own code, never from the request).
 */
public record SearchFilter(String name, String sql, FilterType type)
{
    public SearchFilter
    {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(type, "type is null");
    }

    /**
     * Filters on the named output columns, comparing the same SQL: integer and flag columns as
     * integers, timestamps as unix seconds, text and JSON as text.
     */
    public static List<SearchFilter> onColumns(List<SearchColumn> columns, String... names)
    {
        return SearchColumn.pick(columns, names).stream()
                .map(column -> new SearchFilter(column.name(), column.sql(), filterType(column.type())))
                .toList();
    }

    private static FilterType filterType(ColumnType type)
    {
        return switch (type) {
            case INTEGER, FLAG -> FilterType.INTEGER;
            case TIMESTAMP -> FilterType.TIMESTAMP;
            case STRING, JSON -> FilterType.STRING;
        };
    }
}
