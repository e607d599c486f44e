package dev.iris.core.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.AutoCloseableSupplier;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import jakarta.inject.Inject;

import java.io.IOException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks and renders Iris templates (Jinja syntax) with Jinjava.
 */
public final class JinjaTemplates
{
    /** Bounds what one template may produce: messages are small, and authors are not trusted. */
    private static final long MAX_OUTPUT_CHARACTERS = 1_000_000;

    private final Jinjava jinjava;

    @Inject
    public JinjaTemplates()
    {
        jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withMaxOutputSize(MAX_OUTPUT_CHARACTERS)
                .withMaxRenderDepth(10)
                .withRangeLimit(1000)
                .build());
        // Templates are self-contained: {% include %} and {% import %} must not read classpath files.
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new IOException("templates cannot include other files: " + name);
        });
    }

    /**
     * The first fatal syntax problem of {@code template}, as "message (line N)", if any.
     */
    public Optional<String> syntaxError(String template)
    {
        if (template == null || template.isEmpty()) {
            return Optional.empty();
        }
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        // Parsing reads settings from the thread's current interpreter.
        try (AutoCloseableSupplier.AutoCloseableImpl<JinjavaInterpreter> current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            current.value().parse(template);
        }
        catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return firstFatal(interpreter.getErrors());
    }

    /**
     * Renders {@code template} with {@code context}; a template that fails to render yields its
     * error as the result's error.
     */
    public Rendered render(String template, Map<String, Object> context)
    {
        if (template == null || template.isEmpty()) {
            return new Rendered(template == null ? "" : template, Optional.empty());
        }
        RenderResult result = jinjava.renderForResult(template, context);
        return new Rendered(result.getOutput(), firstFatal(result.getErrors()));
    }

    private static Optional<String> firstFatal(List<TemplateError> errors)
    {
        return errors.stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .findFirst()
                .map(error -> error.getMessage() + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : ""));
    }

    /**
     * A rendered template and the error that stopped rendering, if one did.
     */
    public record Rendered(String output, Optional<String> error) {}
}
