package dev.iris.core.query;

/**
 * How a selected column is turned into JSON.
 */
public enum ColumnType
{
    STRING,
    INTEGER,
    /** A TINYINT(1) or boolean expression, written as 0 or 1 as Iris does. */
    FLAG,
    /** A DATETIME, written as integer unix seconds. */
    TIMESTAMP,
    /** A column holding JSON text, written as parsed JSON. */
    JSON,
}
