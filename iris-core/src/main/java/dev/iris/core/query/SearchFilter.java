package dev.iris.core.query;

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
}
