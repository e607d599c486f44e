package dev.iris.core.query;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /**
     * The named columns of {@code columns} in the order given: Iris's single-item views show the
     * search's columns in another order.
     */
    public static List<SearchColumn> pick(List<SearchColumn> columns, String... names)
    {
        Map<String, SearchColumn> byName = columns.stream().collect(Collectors.toMap(SearchColumn::name, Function.identity()));
        return Arrays.stream(names)
                .map(name -> requireNonNull(byName.get(name), () -> "no column " + name))
                .toList();
    }
}
