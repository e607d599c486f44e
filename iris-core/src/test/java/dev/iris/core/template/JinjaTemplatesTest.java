package dev.iris.core.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class JinjaTemplatesTest
{
    private final JinjaTemplates jinja = new JinjaTemplates();

    @Test
    void validTemplatesHaveNoSyntaxError()
    {
        assertThat(jinja.syntaxError("{{ nodes }}")).isEmpty();
        assertThat(jinja.syntaxError("{% for node in nodes %}{{ node.device }}{% endfor %}")).isEmpty();
        assertThat(jinja.syntaxError("")).isEmpty();
        assertThat(jinja.syntaxError(null)).isEmpty();
    }

    @Test
    void unclosedBlockIsReportedWithItsLine()
    {
        assertThat(jinja.syntaxError("first line\n{% if title %}never closed")).hasValueSatisfying(error -> assertThat(error).contains("line"));
    }

    @Test
    void unknownTagIsASyntaxError()
    {
        assertThat(jinja.syntaxError("{% frobnicate %}")).isPresent();
    }

    @Test
    void includesCannotReadFiles()
    {
        JinjaTemplates.Rendered rendered = jinja.render("{% include 'logback-test.xml' %}", Map.of());
        assertThat(rendered.output()).doesNotContain("appender");
        assertThat(rendered.error()).isPresent();
    }

    @Test
    void rendersWithContext()
    {
        JinjaTemplates.Rendered rendered = jinja.render("Hello {{ name }}{% if urgent %}!{% endif %}", Map.of("name", "Ann", "urgent", true));
        assertThat(rendered.output()).isEqualTo("Hello Ann!");
        assertThat(rendered.error()).isEmpty();
    }
}
