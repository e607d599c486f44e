package dev.iris.common.http;

/**
 * HTML escaping for the few fragments built in Java rather than in a template (the UI's charts,
 * the relay's claim pages).
 */
public final class Html
{
    private Html() {}

    public static String escape(String text)
    {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
