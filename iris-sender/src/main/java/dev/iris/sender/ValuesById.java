package dev.iris.sender;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Different values for many rows in one single-table UPDATE: each column's value as
 * {@code CASE id WHEN :name_0_id THEN :name_0_1 WHEN :name_1_id THEN :name_1_1 ... END}, for a
 * statement that also says {@code WHERE id IN (<ids>)}. A JDBC batch costs one statement per row
 * (Connector/J sends a batch of updates as one multi-statement query, but the server still parses
 * and runs each). A single-table UPDATE by primary key locks exactly its rows; a multi-table
 * UPDATE joined with a derived table of values may scan, and lock, the whole table (it deadlocked
 * with the claim passes). The values are bound, never spliced into the SQL.
 *
 * @param ids the rows' ids, for {@code @BindList}
 * @param cases column -> its CASE expression, for {@code @Define}
 * @param values the parameters, for {@code @BindMap}
 */
public record ValuesById(List<Object> ids, Map<String, String> cases, Map<String, Object> values)
{
    /**
     * @param idColumn the primary key the CASE expressions test
     * @param columns the columns of the values, after the id
     * @param rows each row: its id, then its values in the order of {@code columns}; at least one
     */
    public static ValuesById of(String name, String idColumn, List<String> columns, List<List<Object>> rows)
    {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows");
        }
        Map<String, Object> values = new HashMap<>();
        List<Object> ids = rows.stream().map(row -> row.get(0)).toList();
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row).size() != columns.size() + 1) {
                throw new IllegalArgumentException("row " + row + " has " + rows.get(row).size() + " values for an id and " + columns.size() + " columns");
            }
            values.put(name + "_" + row + "_id", rows.get(row).get(0));
        }
        Map<String, String> cases = new HashMap<>();
        for (int column = 0; column < columns.size(); column++) {
            StringBuilder sql = new StringBuilder("CASE ").append(idColumn);
            for (int row = 0; row < rows.size(); row++) {
                String parameter = name + "_" + row + "_" + (column + 1);
                sql.append(" WHEN :").append(name).append('_').append(row).append("_id THEN :").append(parameter);
                values.put(parameter, rows.get(row).get(column + 1));
            }
            cases.put(columns.get(column), sql.append(" END").toString());
        }
        return new ValuesById(ids, Map.copyOf(cases), values);
    }

    /**
     * {@code column = CASE ... END, ...} for the given columns.
     */
    public String assignments(List<String> columns)
    {
        StringBuilder sql = new StringBuilder();
        for (String column : columns) {
            sql.append(sql.isEmpty() ? "" : ", ").append(column).append(" = ").append(caseOf(column));
        }
        return sql.toString();
    }

    public String caseOf(String column)
    {
        String sql = cases.get(column);
        if (sql == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return sql;
    }
}
