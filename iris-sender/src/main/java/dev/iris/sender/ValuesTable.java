package dev.iris.sender;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A derived table of bound rows, for a statement's {@code <name>} placeholder (SqlObject
 * {@code @Define}, values with {@code @BindMap}):
 * {@code SELECT :name_0_0 AS id, :name_0_1 AS attempt UNION ALL SELECT :name_1_0, :name_1_1 ...}.
 * Joined with an UPDATE it writes different values into many rows in one statement, where a JDBC
 * batch costs one statement per row (Connector/J sends a batch of updates as one multi-statement
 * query, but the server still parses and runs each). The values are bound, never spliced into
 * the SQL.
 *
 * @param sql the derived table's SELECT
 * @param values its parameters by name
 */
public record ValuesTable(String sql, Map<String, Object> values)
{
    /**
     * @param rows each row's values, in the order of {@code columns}; at least one
     */
    public static ValuesTable of(String name, List<String> columns, List<List<Object>> rows)
    {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a values table needs at least one row");
        }
        StringBuilder sql = new StringBuilder();
        Map<String, Object> values = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            List<Object> rowValues = rows.get(row);
            if (rowValues.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + rowValues.size() + " values for " + columns.size() + " columns");
            }
            sql.append(row == 0 ? "SELECT " : " UNION ALL SELECT ");
            for (int column = 0; column < columns.size(); column++) {
                String parameter = name + "_" + row + "_" + column;
                sql.append(column == 0 ? ":" : ", :").append(parameter);
                if (row == 0) {
                    sql.append(" AS ").append(columns.get(column));
                }
                values.put(parameter, rowValues.get(column));
            }
        }
        return new ValuesTable(sql.toString(), values);
    }
}
