package dev.iris.api.request;

import dev.iris.core.request.QueryValues;

/**
 * Query-string values read as Falcon reads them.
 *
 * @deprecated use {@link QueryValues}, which gives the same answers and errors
 */
@Deprecated
public final class QueryParameters
{
    private QueryParameters() {}

    /**
     * @deprecated use {@link QueryValues#parseBoolean}
     */
    @Deprecated
    public static boolean parseBoolean(String value)
    {
        return QueryValues.parseBoolean(value);
    }
}
