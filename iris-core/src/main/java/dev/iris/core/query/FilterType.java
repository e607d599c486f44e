package dev.iris.core.query;

/**
 * How a filter value from the query string is checked and bound.
 */
public enum FilterType
{
    STRING,
    /** An integer; anything else is a 400. */
    INTEGER,
    /** Unix seconds compared against a DATETIME column through FROM_UNIXTIME. */
    TIMESTAMP,
}
