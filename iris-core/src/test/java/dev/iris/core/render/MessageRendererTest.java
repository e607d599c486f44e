package dev.iris.core.render;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MessageRendererTest
{
    private final MessageRenderer renderer = new MessageRenderer(new TemplateRenderer());

    private static Map<String, Object> iris(long messageId)
    {
        return Map.of("message_id", messageId, "incident_id", 7L, "application", "app", "plan", "p");
    }

    @Test
    void rendersContextAndIrisBlockAndPrefixesTheMessageId()
    {
        RenderedMessage message = renderer.render(42, Optional.of(new MessageTemplate(1, "{{ title }}", "{{ host }} in {{ iris.application }}/{{ iris.incident_id }}")),
                ContextValues.parse("{\"title\": \"Disk full\", \"host\": \"db-01\"}"), iris(42));
        assertThat(message.subject()).isEqualTo("42 Disk full");
        assertThat(message.body()).isEqualTo("db-01 in app/7");
        assertThat(message.failed()).isFalse();
    }

    @Test
    void doesNotPrefixWhenTheTemplateShowsTheMessageId()
    {
        RenderedMessage inBody = renderer.render(42, Optional.of(new MessageTemplate(1, "alert", "reply {{ iris.message_id }} claim")), Map.of(), iris(42));
        assertThat(inBody.subject()).isEqualTo("alert");
        assertThat(inBody.body()).isEqualTo("reply 42 claim");
        RenderedMessage bracketed = renderer.render(42, Optional.of(new MessageTemplate(1, "#{{ iris['message_id'] }}", "")), Map.of(), iris(42));
        assertThat(bracketed.subject()).isEqualTo("#42");
    }

    @Test
    void contextValuesAreDataNotTemplateCode()
    {
        RenderedMessage message = renderer.render(1, Optional.of(new MessageTemplate(1, "{{ title }}", "{{ title }}")),
                ContextValues.parse("{\"title\": \"{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %}\"}"), iris(1));
        assertThat(message.body()).isEqualTo("{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %}");
    }

    @Test
    void templatesCannotReachJavaObjectsOrFiles()
    {
        TemplateRenderer templates = new TemplateRenderer();
        assertThatThrownBy(() -> templates.render("{{ title.getClass() }}", Map.of("title", "x")))
                .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> templates.render("{% include '/etc/passwd' %}", Map.of()))
                .isInstanceOf(TemplateRenderException.class);
    }

    @Test
    void aBrokenTemplateStillProducesAMessageWithTheContext()
    {
        RenderedMessage message = renderer.render(5, Optional.of(new MessageTemplate(1, "{{ title ", "{% if %}")),
                ContextValues.parse("{\"title\": \"cpu\"}"), iris(5));
        assertThat(message.failed()).isTrue();
        assertThat(message.subject()).isEqualTo("5 Iris failed to render your message");
        assertThat(message.body()).contains("\"title\":\"cpu\"").contains("Error:");
    }

    @Test
    void aMissingTemplateStillProducesAMessage()
    {
        RenderedMessage message = renderer.render(5, Optional.empty(), Map.of("title", "cpu"), iris(5));
        assertThat(message.failed()).isTrue();
        assertThat(message.body()).contains("no template");
    }

    @Test
    void contextThatIsNotAnObjectIsKept()
    {
        assertThat(ContextValues.parse("[1, 2]")).containsEntry("context", java.util.List.of(1L, 2L));
        assertThat(ContextValues.parse("not json")).containsEntry("context", "not json");
        assertThat(ContextValues.parse(null)).isEmpty();
    }
}
