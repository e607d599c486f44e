package dev.iris.core.request;

import dev.iris.common.http.IrisException;

import java.util.Locale;
import java.util.Optional;

/**
 * Query-string values read as Falcon (Iris's web framework) reads them.
 */
public final class QueryValues
{
    private QueryValues() {}

    /**
     * Falcon's booleans: true/1/yes/t/y/on and false/0/no/f/n/off in any case; 400 otherwise.
     */
    public static boolean parseBoolean(String value)
    {
        return booleanValue(value).orElseThrow(() -> IrisException.badRequest("Invalid parameter", "'" + value + "' is not a boolean"));
    }

    /**
     * Falcon's booleans, empty for anything else, so callers can give their own error.
     */
    public static Optional<Boolean> booleanValue(String value)
    {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "t", "y", "on" -> Optional.of(true);
            case "false", "0", "no", "f", "n", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
