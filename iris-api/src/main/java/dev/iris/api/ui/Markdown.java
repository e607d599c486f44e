package dev.iris.api.ui;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Comments as Markdown, rendered safely: raw HTML in the text is escaped rather than passed
 * through, and links with schemes like {@code javascript:} are neutralised.
 */
public final class Markdown
{
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();

    private Markdown() {}

    public static String toHtml(String markdown)
    {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
