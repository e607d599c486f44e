package dev.iris.core.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renderer keeps parsed templates and reuses Jinjava's global context: a template rendered
 * again, or by many threads at once, must render exactly as the first time, and report its
 * errors every time.
 */
final class TemplateRendererTest
{
    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void aTemplateRenderedAgainRendersAsJinjavaRendersItEachTime()
            throws Exception
    {
        // Jinjava as it renders without the renderer's reuse (the renderer's limits do not matter
        // for these templates).
        Jinjava reference = new Jinjava(JinjavaConfig.newBuilder()
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withReadOnlyResolver(true)
                .build());
        Map<String, Object> values = Map.of("name", "ann", "hosts", List.of("a", "b"), "n", 3);
        List<String> templates = List.of(
                "{% set greeting = \"hi \" ~ name %}{{ greeting }}\n",
                "{% for host in hosts %}{{ loop.index }}:{{ host | upper }} {% endfor %}\n\n",
                "{% macro tag(x) %}[{{ x }}]{% endmacro %}{{ tag(name) }}",
                "{% if n > 2 %}big{% else %}small{% endif %} {{ missing }} {{ hosts | join(',') }}",
                "plain text\n");
        for (String template : templates) {
            String expected = reference.renderForResult(template, values).getOutput();
            for (int time = 0; time < 3; time++) {
                assertThat(renderer.render(template, values)).as("render %s of %s", time, template).isEqualTo(expected);
            }
        }
        // What one render set is not seen by the next.
        assertThat(renderer.render("{{ greeting }}|{{ name }}", Map.of("name", "bo"))).isEqualTo("|bo");
    }

    @Test
    void aBrokenTemplateFailsEveryTime()
    {
        for (int time = 0; time < 2; time++) {
            assertThatThrownBy(() -> renderer.render("{% if %}", Map.of())).isInstanceOf(TemplateRenderException.class);
            assertThatThrownBy(() -> renderer.render("{{ title.getClass() }}", Map.of("title", "x"))).isInstanceOf(TemplateRenderException.class);
            assertThatThrownBy(() -> renderer.render("{% include '/etc/passwd' %}", Map.of())).isInstanceOf(TemplateRenderException.class);
        }
    }

    @Test
    void manyThreadsRenderTheSameTemplateWithTheirOwnValues()
            throws Exception
    {
        String template = "{% for i in range(n) %}{{ who }}{% endfor %}/{{ who | length }}";
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 400; task++) {
                String who = "w" + task;
                int n = task % 5;
                results.add(threads.submit(() -> renderer.render(template, Map.of("who", who, "n", n)).equals(who.repeat(n) + "/" + who.length())));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            threads.shutdownNow();
        }
    }
}
