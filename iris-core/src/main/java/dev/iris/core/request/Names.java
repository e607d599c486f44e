package dev.iris.core.request;

import dev.iris.common.http.IrisException;
import dev.iris.server.logging.LogText;

/**
 * The one rule for names given to things in Iris (applications, template variables, plans,
 * templates, categories, incident email addresses): no line breaks or other control characters
 * ({@link LogText#isControl}). Such a name is never what anyone meant, breaks the web UI and
 * CSV-like exports, and, written into a log, could pass for a line of its own. Iris accepts
 * them; we refuse them with 400 (docs/iris-differences.md).
 */
public final class Names
{
    public static final String INVALID = "Invalid name";

    private Names() {}

    /**
     * {@code name} when it has no control character; 400 {@value #INVALID} naming {@code what}
     * otherwise. Null passes (callers check presence their own way).
     */
    public static String requirePrintable(String what, String name)
    {
        if (name != null && name.codePoints().anyMatch(LogText::isControl)) {
            throw IrisException.badRequest(INVALID, what + " must not contain line breaks or other control characters");
        }
        return name;
    }
}
