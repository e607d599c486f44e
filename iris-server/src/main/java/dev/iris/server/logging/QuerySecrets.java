package dev.iris.server.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides the values of secret-bearing query parameters wherever a URL is written to a log (the
 * request log, thread names, log messages). Applications authenticate webhook and heartbeat
 * calls with {@code ?key=}; other systems put tokens and signatures in query strings too.
 *
 * <p>The names, matched case-insensitively as whole parameter names: {@value #NAMES_TEXT}.
 * {@code user}, {@code application} and the like stay readable, so a log still tells who called.
 */
public final class QuerySecrets
{
    static final String NAMES_TEXT = "key, api_key, apikey, secret, client_secret, token, access_token, refresh_token, "
            + "password, passwd, signature, sig, auth";
    /** What a hidden value is replaced with. */
    public static final String HIDDEN = "***";

    private static final List<String> NAMES = List.of(NAMES_TEXT.split(", "));
    // A parameter starts after '?', '&' or ';' and its value runs to the next separator,
    // fragment, whitespace or quote (a URL inside a longer text, such as a log message).
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:" + NAMES.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")=)[^&;#\\s\"'<>]*",
            Pattern.CASE_INSENSITIVE);

    private QuerySecrets() {}

    /**
     * {@code text} (a URL, a request line, a log message) with the value of every secret query
     * parameter replaced by {@value #HIDDEN}; null for null.
     */
    public static String redact(String text)
    {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        Matcher matcher = SECRET_PARAMETER.matcher(text);
        return matcher.find() ? matcher.replaceAll("$1" + Matcher.quoteReplacement(HIDDEN)) : text;
    }

    /**
     * A raw query string (without the leading {@code ?}) with its secret values hidden.
     */
    public static String redactQuery(String query)
    {
        if (query == null) {
            return null;
        }
        return redact("?" + query).substring(1);
    }
}
