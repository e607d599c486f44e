package dev.iris.server.logging;

/**
 * Makes text safe to write into a line-oriented log: line breaks and other control characters
 * are written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so text from a
 * request (a name, a payload, an exception message) can never start a line of its own and pass
 * for a log entry Iris wrote. A backslash is left as it is: the escapes only have to be
 * unambiguous to a reader, not reversible.
 */
public final class LogText
{
    private LogText() {}

    /**
     * Control characters: C0 (U+0000–U+001F, CR, LF and TAB included), DEL, C1 (U+0080–U+009F,
     * NEL included) and the Unicode line and paragraph separators (U+2028, U+2029), which some
     * log viewers also break lines at.
     */
    public static boolean isControl(int codePoint)
    {
        return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint == 0x2028 || codePoint == 0x2029;
    }

    /**
     * {@code text} with every control character escaped; null for null.
     */
    public static String escape(String text)
    {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !isControl(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int index = first; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (isControl(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
