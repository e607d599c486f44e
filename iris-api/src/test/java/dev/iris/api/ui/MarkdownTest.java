package dev.iris.api.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class MarkdownTest
{
    @Test
    void rendersMarkdown()
    {
        assertThat(Markdown.toHtml("**bold** and `code`")).isEqualTo("<p><strong>bold</strong> and <code>code</code></p>\n");
    }

    @Test
    void escapesRawHtml()
    {
        String html = Markdown.toHtml("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;");
    }

    @Test
    void neutralisesScriptLinks()
    {
        assertThat(Markdown.toHtml("[click](javascript:alert(1))")).doesNotContain("javascript:");
    }
}
