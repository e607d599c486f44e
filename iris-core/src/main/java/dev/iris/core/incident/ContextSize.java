package dev.iris.core.incident;

/**
 * Iris's measure of an incident context: the length of the JSON text its ujson encoder writes,
 * which escapes every non-ASCII character as a six-character unicode escape (a character outside
 * the Basic Multilingual Plane as a surrogate pair, 12 characters) and {@code /} as {@code \/}. Iris refuses
 * contexts longer than {@value #LIMIT}; measuring the same way refuses exactly what Iris refuses
 * and reports the same length in the error.
 */
public final class ContextSize
{
    /** Iris's limit on a context, in characters of its JSON encoding. */
    public static final int LIMIT = 65_535;

    private ContextSize() {}

    /**
     * The length Iris would measure for {@code json}, compact JSON as Jackson writes it (Jackson's
     * other escapes are as long as ujson's).
     */
    public static long ofJson(String json)
    {
        long length = 0;
        for (int i = 0; i < json.length(); i++) {
            char character = json.charAt(i);
            if (character > 0x7F) {
                length += 6;
            }
            else if (character == '/') {
                length += 2;
            }
            else {
                length++;
            }
        }
        return length;
    }

    public static boolean exceedsLimit(long length)
    {
        return length > LIMIT;
    }
}
