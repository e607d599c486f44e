package dev.iris.api.request;

import dev.iris.core.http.IrisException;

import java.util.Locale;

/**
 * Query-string values read as Falcon reads them.
 */
public final class QueryParameters
{
    private QueryParameters() {}

    /**
     * Falcon's booleans: true/True/1/yes/t/y/on and false/False/0/no/f/n/off; 400 otherwise.
     */
    public static boolean parseBoolean(String value)
    {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "t", "y", "on":
                return true;
            case "false", "0", "no", "f", "n", "off":
                return false;
            default:
                throw IrisException.badRequest("Invalid parameter", "'" + value + "' is not a boolean");
        }
    }
}
