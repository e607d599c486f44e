package dev.iris.core.query;

import static java.util.Objects.requireNonNull;

/**
 * An output column of a search: its JSON name, the SQL expression that computes it (a constant
 * from our own code, never from the request) and how to write it.
 */
public record SearchColumn(String name, String sql, ColumnType type)
{
    public SearchColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(type, "type is null");
    }
}
